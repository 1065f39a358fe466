package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.solr.SolrCloudTarget;
import reportqa.server.SolrCloudChild;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/**
 * Issue #14 through the server: {@code serve} with {@code search.backend=solrcloud} on a real 2-node
 * SolrCloud cluster (a child process; see {@link SolrCloudChild}), its collection made by the server
 * (2 shards × 2 replicas). Reports uploaded and deleted through the API are so in the collection, as
 * Solr itself answers; health shows the cluster; a cluster gone is a 503, never a 500.
 */
class SolrCloudServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void reportsUploadedAndDeletedThroughTheServerAreSoInSolrAndAClusterGoneIsA503() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        try (Stream<Path> s = Files.list(TestServer.seedCorpus())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".txt")).toList()) {
                if (!p.getFileName().toString().startsWith("003_")) {
                    Files.copy(p, corpus.resolve(p.getFileName()));
                }
            }
        }
        byte[] kimi;
        try (Stream<Path> s = Files.list(TestServer.seedCorpus())) {
            kimi = Files.readAllBytes(s.filter(p -> p.getFileName().toString().startsWith("003_")
                            && p.toString().endsWith(".txt"))
                    .findFirst()
                    .orElseThrow());
        }
        String id = "kimi-weekly";
        String collection = "desk";
        SolrCloudChild solr = SolrCloudChild.start(tmp.resolve("solr"));
        try {
            ServerConfig config =
                    ServerConfig.defaults().withSolrCloud(SolrCloudTarget.zooKeeper(solr.zkHost(), collection, 2, 2));
            TestServer.test(config, corpus, null, (qa, client) -> {
                JsonNode health = client.get("/api/health").json();
                assertEquals("ok", health.path("status").asText(), health.toString());
                JsonNode retrieval = health.path("retrieval");
                assertEquals("solrcloud", retrieval.path("backend").asText(), health.toString());
                assertEquals("ok", retrieval.path("solrCloud").path("status").asText(), health.toString());
                assertEquals(2, retrieval.path("solrCloud").path("liveNodes").size(), health.toString());
                assertEquals(4, retrieval.path("solrCloud").path("replicas").asInt(), health.toString());
                assertEquals(4, solrCount(solr, collection, "type:report"), "the server indexed the seeds into Solr");
                assertEquals(health.path("passages").asInt(), solrCount(solr, collection, "type:passage"));

                String question = "{\"question\":\"Kimi 智能助手支持多少字的无损上下文？\"}";
                assertFalse(UploadsTest.cites(client.post("/api/ask", question).json(), id));
                HttpResponse<String> posted = UploadsTest.upload(client, Map.of(id + ".txt", kimi));
                assertEquals(202, posted.statusCode(), posted.body());
                assertEquals(
                        "SEARCHABLE",
                        UploadsTest.waitForSettled(client, id)
                                .get(id)
                                .path("state")
                                .asText());
                assertEquals(1, solrCount(solr, collection, "report_id:\"" + id + "\" AND type:report"));
                long passages = solrCount(solr, collection, "report_id:\"" + id + "\" AND type:passage");
                assertTrue(passages > 0, "the uploaded report's passages are in Solr");
                JsonNode answer = client.post("/api/ask", question).json();
                assertTrue(UploadsTest.cites(answer, id), answer.toString());

                TestServer.Response deleted = client.request("DELETE", "/api/reports/" + id);
                assertEquals(202, deleted.status(), deleted.body());
                assertEquals(
                        "REMOVED",
                        UploadsTest.waitForSettled(client, id)
                                .get(id)
                                .path("state")
                                .asText());
                assertEquals(0, solrCount(solr, collection, "report_id:\"" + id + "\""));
                assertFalse(UploadsTest.cites(client.post("/api/ask", question).json(), id));

                // The cluster gone: searches and answers are a 503 the client can act on, health says why.
                solr.close();
                long t0 = System.nanoTime();
                TestServer.Response search = client.get("/api/search?q=" + TestServer.Client.enc("无损上下文"));
                System.out.printf(
                        "cluster gone: /api/search answered %d in %d ms%n",
                        search.status(), (System.nanoTime() - t0) / 1_000_000);
                assertEquals(503, search.status(), search.body());
                assertTrue((System.nanoTime() - t0) < 8_000_000_000L, "a search ends within its 5 s");
                assertEquals(
                        "search_unavailable",
                        search.json().path("error").path("code").asText(),
                        search.body());
                assertEquals("5", search.header("Retry-After"));
                t0 = System.nanoTime();
                TestServer.Response ask = client.post("/api/ask", question);
                System.out.printf(
                        "cluster gone: /api/ask answered %d in %d ms%n",
                        ask.status(), (System.nanoTime() - t0) / 1_000_000);
                assertEquals(503, ask.status(), ask.body());
                assertFalse(ask.body().contains(solr.zkHost()), "the cluster's address stays in the log");
                t0 = System.nanoTime();
                JsonNode down = client.get("/api/health").json();
                System.out.printf(
                        "cluster gone: /api/health answered in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                assertEquals("down", down.path("status").asText(), down.toString());
                assertTrue(down.path("passages").isNull(), down.toString());
            });
        } finally {
            solr.close();
        }
    }

    /** How many documents of the collection match {@code q}, as Solr itself answers over HTTP. */
    private static long solrCount(SolrCloudChild solr, String collection, String q) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(solr.nodes().get(0) + "/" + collection
                                        + "/select?rows=0&wt=json&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("response").path("numFound").asLong();
    }
}
