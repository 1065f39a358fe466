package reportqa.retrieval;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's own {@code corpus/} folder from a module's working directory. */
public final class TestCorpus {

    private TestCorpus() {
    }

    /** The seed corpus shipped with the project. */
    public static Path dir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path c = p.resolve("corpus");
            if (Files.isDirectory(c) && Files.exists(p.resolve("pom.xml")) && Files.exists(c.resolve("questions.jsonl"))) {
                return c;
            }
        }
        throw new IllegalStateException("no corpus/ above " + here);
    }

    public static Path report(String id) {
        return dir().resolve(id + ".txt");
    }
}
