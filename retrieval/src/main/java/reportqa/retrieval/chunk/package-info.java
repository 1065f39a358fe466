/**
 * Cutting a parsed report into passages, the unit that is indexed, retrieved and cited; the third
 * step of the pipeline (text → report → chunk → index → search → eval).
 *
 * <p>{@link reportqa.retrieval.chunk.Chunker} packs whole sentences into passages of a bounded
 * size with an overlap of whole sentences, never across a section boundary and never cutting inside
 * a number or an English word; {@link reportqa.retrieval.chunk.ChunkingOptions} holds the size and
 * overlap. Each {@link reportqa.retrieval.chunk.Chunk} keeps its offsets into the cleaned report
 * text, so a passage can always be shown in place.
 */
package reportqa.retrieval.chunk;
