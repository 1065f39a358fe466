package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import reportqa.server.TestServer;
import reportqa.server.TestServer.Response;
import reportqa.server.config.ServerConfig;

/** The page's files and the WebJars' over HTTP: types, caching, revalidation, and nothing else served. */
class WebFilesTest {

    @Test
    void thePageIsServedAtTheRootAndRevalidatedByItsEtag() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            Response page = client.get("/");
            assertEquals(200, page.status());
            assertEquals("text/html;charset=utf-8", page.contentType());
            assertEquals("no-cache", page.header("Cache-Control"));
            assertTrue(page.body().contains("<script src=\"/app.js\" defer>"), page.body());
            String etag = page.header("ETag");
            assertNotNull(etag);
            assertTrue(etag.matches("\"[0-9a-f]{24}\""), etag);
            assertEquals(page.body(), client.get("/index.html").body());

            Response again = client.getWith("/", "If-None-Match", etag);
            assertEquals(304, again.status());
            assertEquals("", again.body());
            assertEquals(etag, again.header("ETag"));
            assertEquals(
                    304,
                    client.getWith("/", "If-None-Match", "\"other\", W/" + etag).status());
            assertEquals(200, client.getWith("/", "If-None-Match", "\"other\"").status());

            Response script = client.get("/app.js");
            assertEquals(200, script.status());
            assertEquals("text/javascript;charset=utf-8", script.contentType());
            assertNotEquals(etag, script.header("ETag"));
            assertEquals("text/css;charset=utf-8", client.get("/app.css").contentType());
            // Every response carries the page's security headers, files included.
            assertTrue(script.header("Content-Security-Policy").contains("script-src 'self'"));
        });
    }

    @Test
    void webJarsAreServedFromTheirVersionedPathsAndCachedForAYear() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            Response marked = client.get("/webjars/marked/15.0.12/marked.min.js");
            assertEquals(200, marked.status());
            assertEquals("text/javascript;charset=utf-8", marked.contentType());
            assertEquals("max-age=31622400", marked.header("Cache-Control"));
            assertTrue(marked.body().contains("marked"), "the library itself");
            assertEquals(
                    304,
                    client.getWith("/webjars/marked/15.0.12/marked.min.js", "If-None-Match", marked.header("ETag"))
                            .status());
        });
    }

    @Test
    void nothingButTheFoldersFilesIsServed() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            for (String path : List.of(
                    "/missing.js",
                    "/.hidden",
                    "/webjars/marked", // a folder
                    "/webjars/marked/15.0.12",
                    "/webjars/%2e%2e/%2e%2e/reportqa/web/index.html",
                    "/webjars/marked/..%2f..%2f..%2freportqa%2fweb%2findex.html",
                    "/logback.xml",
                    "/webjars/../../reportqa/server/http/WebFiles.class")) {
                Response r = client.get(path);
                assertNotEquals(200, r.status(), path);
                assertFalse(r.body().contains("<!doctype html") || r.body().contains("<!DOCTYPE html"), path);
            }
            assertEquals(404, client.get("/missing.js").status());
            // An unknown path under /api is still the API's JSON error, not an empty page.
            Response api = client.get("/api");
            assertEquals(404, api.status());
            assertEquals("not_found", api.json().path("error").path("code").asText(), api.body());
        });
    }

    @Test
    void aNameIsAPathOfPlainSegments() {
        assertTrue(WebFiles.isPlainPath("index.html"));
        assertTrue(WebFiles.isPlainPath("dompurify/3.2.6/dist/purify.min.js"));
        for (String bad :
                new String[] {"", "../x", "a/../b", "a//b", "/a", "a/", ".env", "a/.git/config", "a b", "a\\b"}) {
            assertFalse(WebFiles.isPlainPath(bad), bad);
        }
        assertTrue(WebFiles.matches("*", "\"x\""));
        assertFalse(WebFiles.matches("\"y\"", "\"x\""));
        assertEquals("application/octet-stream", WebFiles.typeOf("a.bin"));
        assertEquals("image/png", WebFiles.typeOf("a.PNG"));
    }
}
