package reportqa.retrieval.solr;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import reportqa.retrieval.TestCorpus;

/** The CMRC 2018 dev benchmark folder the test command names ({@code -Dreportqa.cmrc=DIR}), if any. */
final class Cmrc {

    private Cmrc() {}

    /** The folder, or the calling test is skipped, saying why. */
    static Path dir() {
        String given = System.getProperty("reportqa.cmrc", "");
        Assumptions.assumeFalse(given.isBlank(), "CMRC skipped: no -Dreportqa.cmrc=DIR given");
        Path dir = TestCorpus.dir().getParent().resolve(given).normalize();
        Assumptions.assumeTrue(
                Files.isRegularFile(dir.resolve("questions.jsonl")) && Files.isDirectory(dir.resolve("corpus")),
                "CMRC skipped: " + dir + " has no questions.jsonl and corpus/");
        return dir;
    }
}
