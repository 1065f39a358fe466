/**
 * Stage 4: citation markers in an answer's text checked against the passages it was given
 * ({@link reportqa.server.answer.cite.CitationMapper}): normalised, renumbered by first use,
 * unknown numbers dropped, unsupported ones flagged.
 */
package reportqa.server.answer.cite;
