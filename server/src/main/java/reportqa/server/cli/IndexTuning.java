package reportqa.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BackgroundEmbedder;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexSettings;

/**
 * How the index is built. The defaults are the measured best; the flags exist to measure
 * alternatives with {@code eval}, so help lists them under their own heading. An index built with
 * other settings is rebuilt with these.
 */
final class IndexTuning {

    @Option(
            names = "--analysis",
            paramLabel = "NAME",
            description = "Text analysis: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Analysis analysis = Analysis.DEFAULT;

    @Option(
            names = "--chunk-size",
            paramLabel = "CHARS",
            description = "Longest passage in characters (default: ${DEFAULT-VALUE}).")
    int chunkSize = ChunkingOptions.DEFAULT.maxChars();

    @Option(
            names = "--chunk-overlap",
            paramLabel = "CHARS",
            description = "Characters of whole sentences repeated between passages (default: ${DEFAULT-VALUE}).")
    int chunkOverlap = ChunkingOptions.DEFAULT.overlapChars();

    @Option(
            names = "--query-instruction",
            description = "Embed queries with BGE's retrieval instruction (off: measured worse).")
    boolean queryInstruction;

    /**
     * The model, loading in the background while the library opens, its file kept out of the jar
     * under the data folder ({@link ReportLibrary.Config#modelDirUnder}).
     */
    BackgroundEmbedder embedderInBackground(Path dataDir) {
        return BgeSmallZhEmbedder.inBackground(queryInstruction, ReportLibrary.Config.modelDirUnder(dataDir));
    }

    IndexSettings settings(String embedderId) {
        return new IndexSettings(analysis, new ChunkingOptions(chunkSize, chunkOverlap), embedderId);
    }
}
