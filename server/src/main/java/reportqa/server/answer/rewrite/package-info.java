/**
 * Stage 1: a follow-up question ("那德邦呢？") made standalone for retrieval, by the model when one is
 * configured ({@link reportqa.server.answer.rewrite.QueryRewriter}) or by carrying the previous
 * question over; a question without a follow-up marker is left as it is. Before that, people named
 * in pinyin (Ma Xiao) are written as the reports write them ({@code RomanizedNames}).
 */
package reportqa.server.answer.rewrite;
