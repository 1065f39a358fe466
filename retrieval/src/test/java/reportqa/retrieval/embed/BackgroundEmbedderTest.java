package reportqa.retrieval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundEmbedderTest {

    /** A model of two dimensions that counts what it is asked. */
    private static class Fixed implements Embedder {
        @Override
        public String modelId() {
            return "fixed";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public List<float[]> embedPassages(List<String> texts) {
            return texts.stream().map(t -> new float[] {t.length(), 1}).toList();
        }

        @Override
        public float[] embedQuery(String query) {
            return new float[] {query.length(), 2};
        }
    }

    @Test
    void itIdentifiesTheModelAtOnceAndEmbedsOnceTheModelHasLoaded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch loading = new CountDownLatch(1);
        BackgroundEmbedder e = new BackgroundEmbedder("fixed", 2, true, () -> {
            loading.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            return new Fixed();
        });
        assertTrue(loading.await(5, TimeUnit.SECONDS), "loading starts on its own thread at once");
        // Known while the model loads: what an index and a cache are keyed by.
        assertEquals("fixed", e.modelId());
        assertEquals(2, e.dimension());
        assertTrue(e.unitLength());
        Thread asker = new Thread(() -> e.embedQuery("abc"));
        asker.start();
        asker.join(200);
        assertTrue(asker.isAlive(), "embedding waits for the model");
        release.countDown();
        asker.join(5_000);
        assertFalse(asker.isAlive());
        assertArrayEquals(new float[] {3, 2}, e.embedQuery("abc"));
        assertArrayEquals(new float[] {2, 1}, e.embedPassages(List.of("ab")).get(0));
    }

    @Test
    void aModelThatFailsToLoadFailsEveryEmbeddingWithTheReason() {
        BackgroundEmbedder e = new BackgroundEmbedder("broken", 2, false, () -> {
            throw new IllegalStateException("model file missing");
        });
        EmbeddingException ex = assertThrows(EmbeddingException.class, () -> e.embedQuery("x"));
        assertEquals("the embedding model could not be loaded: model file missing", ex.getMessage());
        assertThrows(EmbeddingException.class, () -> e.embedPassages(List.of("x")));
    }

    /** A model that records being closed. */
    private static final class Closeable extends Fixed implements AutoCloseable {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void closingClosesTheLoadedModelAndEmbeddingThenFails() throws Exception {
        Closeable model = new Closeable();
        BackgroundEmbedder e = new BackgroundEmbedder("fixed", 2, true, () -> model);
        assertArrayEquals(new float[] {1, 2}, e.embedQuery("a"));
        e.close();
        assertEquals(0, model.closed.getCount(), "the loaded model is closed");
        EmbedderClosedException ex = assertThrows(EmbedderClosedException.class, () -> e.embedPassages(List.of("x")));
        assertEquals("the embedding model is closed", ex.getMessage());
    }

    @Test
    void closingWhileTheModelLoadsWaitsForItAndClosesIt() throws Exception {
        // A stop during start-up: the model is still loading when the shutdown hook closes it.
        Closeable model = new Closeable();
        CountDownLatch release = new CountDownLatch(1);
        BackgroundEmbedder e = new BackgroundEmbedder("fixed", 2, true, () -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            return model;
        });
        Thread closer = new Thread(e::close);
        closer.start();
        closer.join(300);
        assertTrue(closer.isAlive(), "close waits for the model to load");
        assertEquals(1, model.closed.getCount(), "nothing to close yet");
        release.countDown();
        closer.join(5_000);
        assertFalse(closer.isAlive());
        assertEquals(0, model.closed.getCount(), "closed once it has loaded");
        assertThrows(EmbedderClosedException.class, () -> e.embedQuery("x"));
    }

    @Test
    void closingAModelThatFailedToLoadHasNothingToClose() {
        BackgroundEmbedder e = new BackgroundEmbedder("broken", 2, false, () -> {
            throw new IllegalStateException("model file missing");
        });
        e.close();
        EmbedderClosedException ex = assertThrows(EmbedderClosedException.class, () -> e.embedQuery("x"));
        assertEquals("the embedding model is closed", ex.getMessage());
    }
}
