package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Beyond its slots an endpoint refuses fast with 503 and Retry-After, as JSON, and the slot frees again. */
class WorkSlotsTest {

    @Test
    void aQuestionBeyondTheSlotsIsRefusedWithRetryAfterAndTheSlotFreesAgain() {
        WorkSlots slots = new WorkSlots(1, Duration.ofMillis(200), 2, "too many questions at once");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch working = new CountDownLatch(1);
        Javalin app = Javalin.create(cfg -> {
            cfg.routes.get(
                    "/api/answer",
                    ctx -> slots.run(ctx, () -> {
                        working.countDown();
                        release.await(30, TimeUnit.SECONDS);
                        ctx.result("answered");
                    }));
            ErrorMapping.register(cfg);
        });
        JavalinTest.test(app, (server, client) -> {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.get("/api/answer").body().string();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(working.await(10, TimeUnit.SECONDS));
            var refused = client.get("/api/answer");
            assertEquals(503, refused.code());
            assertEquals("2", refused.headers().get("Retry-After").get(0));
            String body = refused.body().string();
            assertTrue(body.contains("\"code\":\"overloaded\""), body);
            release.countDown();
            assertEquals("answered", first.get(10, TimeUnit.SECONDS));
            var again = client.get("/api/answer");
            assertEquals(200, again.code(), "the slot is free again");
        });
    }
}
