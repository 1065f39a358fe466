package reportqa.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;
import reportqa.server.Application;
import reportqa.server.config.ServerConfig;

/**
 * How the index is built and searched. The defaults are the measured best; the flags exist to
 * measure alternatives with {@code eval} (an index built with other settings is rebuilt).
 */
public final class LibraryOptions {

    @Option(
            names = "--index",
            paramLabel = "DIR",
            description = "Index folder (default: a folder under the data folder named after the corpus folder).")
    Path index;

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
            names = "--lexical-weight",
            paramLabel = "W",
            description = "Hybrid: weight of BM25 against dense, 0..1 (default: ${DEFAULT-VALUE}).")
    double lexicalWeight = HybridOptions.DEFAULT.lexicalWeight();

    @Option(
            names = "--candidates",
            paramLabel = "N",
            description = "Hybrid: candidates from each retriever (default: ${DEFAULT-VALUE}).")
    int candidates = HybridOptions.DEFAULT.candidates();

    @Option(
            names = "--title-boost",
            paramLabel = "B",
            description = "Weight of title matches in BM25, 0 = off (default: ${DEFAULT-VALUE}).")
    double titleBoost = HybridOptions.DEFAULT.titleBoost();

    @Option(names = "--keep-question-words", description = "Keep 什么/哪些/多少 … in BM25 queries.")
    boolean keepQuestionWords;

    @Option(
            names = "--query-instruction",
            description = "Embed queries with BGE's retrieval instruction (off: measured worse).")
    boolean queryInstruction;

    /** The embedding model these options ask for. */
    BgeSmallZhEmbedder embedder() {
        return new BgeSmallZhEmbedder(queryInstruction);
    }

    ReportLibrary.Config config(ServerConfig server, String embedderId) {
        IndexSettings settings = new IndexSettings(analysis, new ChunkingOptions(chunkSize, chunkOverlap), embedderId);
        HybridOptions hybrid = new HybridOptions(candidates, lexicalWeight, titleBoost, !keepQuestionWords);
        ReportLibrary.Config c = ReportLibrary.Config.under(server.dataDir(), server.corpusDir(), settings, hybrid);
        return index == null ? c : c.withIndexDir(index);
    }

    /** Opens the library, indexing what changed, with progress on stderr. */
    ReportLibrary.Opened openLibrary(ServerConfig server) throws IOException {
        BgeSmallZhEmbedder model = embedder();
        return ReportLibrary.open(config(server, model.modelId()), model, progress(System.err));
    }

    /** Opens the whole application (library, answers, HTTP server), indexing what changed, with progress on stderr. */
    Application openApplication(ServerConfig server) throws IOException {
        BgeSmallZhEmbedder model = embedder();
        return Application.open(server, config(server, model.modelId()), model, progress(System.err));
    }

    /**
     * Progress lines for the reports actually (re)indexed: each one for a small corpus, else at every
     * tenth of the corpus. An unchanged corpus prints nothing.
     */
    static IndexProgress progress(PrintStream out) {
        return (done, total, id, indexed) -> {
            int step = Math.max(1, total / 10);
            if (indexed && (total <= 20 || done % step == 0 || done == total)) {
                out.printf("indexed %s (%d/%d)%n", id, done, total);
            }
        };
    }
}
