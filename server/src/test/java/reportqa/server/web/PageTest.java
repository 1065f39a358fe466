package reportqa.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/** The page as HTTP sees it: security headers, caching, and nothing loaded from elsewhere. */
class PageTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void thePageIsServedWithACspAndOnlyItsOwnAssets() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(client.base() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
            assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElseThrow());
            assertFalse(page.body().matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script");
            Matcher m = ASSET.matcher(page.body());
            int assets = 0;
            while (m.find()) {
                String path = m.group(1);
                assertTrue(path.startsWith("/") && !path.startsWith("//"), "asset from elsewhere: " + path);
                HttpResponse<String> asset = http.send(
                        HttpRequest.newBuilder(URI.create(client.base() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, asset.statusCode(), path);
                if (path.startsWith("/webjars/")) {
                    assertTrue(
                            asset.headers()
                                    .firstValue("Cache-Control")
                                    .orElse("")
                                    .contains("max-age"),
                            path);
                }
                assertFalse(
                        asset.body().contains("cdn.jsdelivr") || asset.body().contains("googleapis"), path);
                assets++;
            }
            assertEquals(6, assets, "icon, stylesheet, marked, DOMPurify, messages.js, app.js");
            HttpResponse<String> api = http.send(
                    HttpRequest.newBuilder(URI.create(client.base() + "/api/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(api.headers().firstValue("X-Content-Type-Options").isPresent());
        });
    }
}
