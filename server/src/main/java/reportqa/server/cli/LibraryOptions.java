package reportqa.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import picocli.CommandLine.Option;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;

/** Where the corpus and index are, and how they are built: shared by every command. */
public final class LibraryOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder: indexes and the embedding cache (default: ${DEFAULT-VALUE}).",
            defaultValue = "data")
    Path data;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Folder of report .txt files (default: ${DEFAULT-VALUE}).",
            defaultValue = "corpus")
    Path corpus;

    @Option(names = "--index", paramLabel = "DIR",
            description = "Index folder (default: a folder under the data folder named after the corpus folder).")
    Path index;

    @Option(names = "--analysis", paramLabel = "NAME",
            description = "Text analysis: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Analysis analysis = Analysis.DEFAULT;

    @Option(names = "--chunk-size", paramLabel = "CHARS", description = "Longest passage in characters (default: ${DEFAULT-VALUE}).")
    int chunkSize = ChunkingOptions.DEFAULT.maxChars();

    @Option(names = "--chunk-overlap", paramLabel = "CHARS",
            description = "Characters of whole sentences repeated between passages (default: ${DEFAULT-VALUE}).")
    int chunkOverlap = ChunkingOptions.DEFAULT.overlapChars();

    @Option(names = "--lexical-weight", paramLabel = "W",
            description = "Hybrid: weight of BM25 against dense, 0..1 (default: ${DEFAULT-VALUE}).")
    double lexicalWeight = HybridOptions.DEFAULT.lexicalWeight();

    @Option(names = "--candidates", paramLabel = "N", description = "Hybrid: candidates from each retriever (default: ${DEFAULT-VALUE}).")
    int candidates = HybridOptions.DEFAULT.candidates();

    @Option(names = "--title-boost", paramLabel = "B", description = "Weight of title matches in BM25, 0 = off (default: ${DEFAULT-VALUE}).")
    double titleBoost = HybridOptions.DEFAULT.titleBoost();

    @Option(names = "--keep-question-words", description = "Keep 什么/哪些/多少 … in BM25 queries.")
    boolean keepQuestionWords;

    @Option(names = "--no-query-instruction", description = "Embed queries without BGE's retrieval instruction.")
    boolean noQueryInstruction;

    /** The index folder: given, or derived from the corpus folder so two corpora never share one. */
    Path indexDir() {
        if (index != null) {
            return index;
        }
        Path abs = corpus.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "corpus" : abs.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return data.resolve("index").resolve(name + "-" + shortHash(abs.toString()));
    }

    ReportLibrary.Config config(String embedderId) {
        IndexSettings settings = new IndexSettings(analysis, new ChunkingOptions(chunkSize, chunkOverlap), embedderId);
        HybridOptions hybrid = new HybridOptions(candidates, lexicalWeight, titleBoost, !keepQuestionWords);
        return new ReportLibrary.Config(corpus, indexDir(), data.resolve("cache"), settings, hybrid);
    }

    /** Opens the library, indexing what changed, with progress on {@code progressOut}. */
    ReportLibrary.Opened open(PrintStream progressOut) throws IOException {
        BgeSmallZhEmbedder model = new BgeSmallZhEmbedder(!noQueryInstruction);
        return ReportLibrary.open(config(model.modelId()), model, progress(progressOut));
    }

    /** Progress lines at every tenth of the corpus (and for each report of a small one). */
    static IndexProgress progress(PrintStream out) {
        return (done, total, id) -> {
            int step = Math.max(1, total / 10);
            if (done % step == 0 || done == total) {
                out.printf("indexed %d/%d reports (%s)%n", done, total, id);
            }
        };
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
