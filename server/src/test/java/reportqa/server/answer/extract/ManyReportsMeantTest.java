package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.server.TestServer;
import reportqa.server.bench.ScaleCorpus;
import reportqa.server.config.ServerConfig;

/**
 * A question meaning more reports than an answer lists ({@value HeaderFacts#MAX_MEANT}): answered for
 * the newest of them, and saying how many more there are, over HTTP on a real library.
 */
class ManyReportsMeantTest {

    private static final int REPORTS = HeaderFacts.MAX_MEANT + 5;

    private static final Pattern FACT_LINE =
            Pattern.compile("(?m)^- \\S+ · (\\d{4}-\\d{2}-\\d{2}) 《[^》]*》：评级 .+\\[\\d+]。$");

    @Test
    void everyReportMeansTheNewestTwentyAndTheAnswerSaysHowManyMore(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus");
        List<String> sentences = ScaleCorpus.sentencesOf(List.of(TestServer.seedCorpus()));
        List<Path> written = new ScaleCorpus(sentences, BrokerRegistry.standard()).write(corpus, REPORTS, 7);
        // Header and a little body: enough to be a report, little to embed.
        for (Path p : written) {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            Files.write(p, lines.subList(0, Math.min(lines.size(), 40)), StandardCharsets.UTF_8);
        }
        TestServer.test(ServerConfig.defaults(), corpus, null, (qa, client) -> {
            assertEquals(REPORTS, client.get("/api/reports").json().size());
            JsonNode a = client.post("/api/ask", "{\"question\":\"这几份研报分别给所覆盖行业打了什么评级？\"}")
                    .json();
            String answer = a.path("answer").asText();
            List<String> dates = new ArrayList<>();
            Matcher m = FACT_LINE.matcher(answer);
            while (m.find()) {
                dates.add(m.group(1));
            }
            assertEquals(HeaderFacts.MAX_MEANT, dates.size(), answer);
            assertTrue(answer.contains(String.format(FactLines.NOT_LISTED, 5, HeaderFacts.MAX_MEANT)), answer);
            assertEquals(HeaderFacts.MAX_MEANT, a.path("citations").size());
            // The newest: no report left out is newer than one listed.
            List<String> all = new ArrayList<>();
            client.get("/api/reports")
                    .json()
                    .forEach(r -> all.add(r.path("dateLatest").asText()));
            all.sort(null);
            String oldestListed = dates.stream().min(String::compareTo).orElseThrow();
            assertEquals(REPORTS, all.size());
            assertTrue(all.get(REPORTS - HeaderFacts.MAX_MEANT - 1).compareTo(oldestListed) <= 0, all + " vs " + dates);
        });
    }
}
