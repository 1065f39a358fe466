package reportqa.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;

/**
 * The seed corpus indexed once per test JVM with the real bge-small-zh model and default settings,
 * in a temporary folder.
 */
public final class SeedLibrary {

    private static ReportLibrary library;

    private SeedLibrary() {}

    public static synchronized ReportLibrary get() {
        if (library == null) {
            try {
                Path tmp = Files.createTempDirectory("reportqa-seed");
                BgeSmallZhEmbedder model = new BgeSmallZhEmbedder();
                ReportLibrary.Config config = new ReportLibrary.Config(
                        TestCorpus.dir(),
                        tmp.resolve("index"),
                        tmp.resolve("cache"),
                        new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, model.modelId()),
                        HybridOptions.DEFAULT);
                library = ReportLibrary.open(config, model, IndexProgress.NONE).library();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return library;
    }
}
