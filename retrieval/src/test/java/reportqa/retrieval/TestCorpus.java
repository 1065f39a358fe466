package reportqa.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import reportqa.retrieval.index.CorpusScan;

/** Locates the project's own {@code corpus/} folder from a module's working directory. */
public final class TestCorpus {

    private TestCorpus() {}

    /** The seed corpus shipped with the project. */
    public static Path dir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path c = p.resolve("corpus");
            if (Files.isDirectory(c)
                    && Files.exists(p.resolve("pom.xml"))
                    && Files.exists(c.resolve("questions-test.jsonl"))) {
                return c;
            }
        }
        throw new IllegalStateException("no corpus/ above " + here);
    }

    public static Path report(String id) {
        return dir().resolve(id + ".txt");
    }

    /** The seed report files, sorted by name. */
    public static List<Path> reportFiles() {
        try {
            return CorpusScan.reportFiles(dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
