package reportqa.retrieval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.HashingEmbedder;

/** Passage vectors kept in memory behind a {@link CachingEmbedder}: the model asked once per text while it is recent, bounded, same vectors. */
class RecentVectorsTest {

    @Test
    void aTextEmbeddedAgainIsNotSentToTheModelAndGetsTheSameVector() {
        HashingEmbedder model = new HashingEmbedder();
        Embedder recent = new CachingEmbedder(model, new RecentVectors(100));
        List<float[]> first = recent.embedPassages(List.of("Sora 生成一分钟视频", "Kimi 支持 200 万字", "Sora 生成一分钟视频"));
        assertEquals(2, model.passagesEmbedded.get(), "a text twice in one call is embedded once");
        List<float[]> again = recent.embedPassages(List.of("Kimi 支持 200 万字", "Etna 60 FPS"));
        assertEquals(3, model.passagesEmbedded.get(), "only the new text");
        assertArrayEquals(first.get(1), again.get(0));
        assertArrayEquals(model.embedPassages(List.of("Etna 60 FPS")).get(0), again.get(1));
        assertArrayEquals(first.get(0), first.get(2));
        // A caller changing its vector does not change the kept one.
        again.get(0)[0] = 42f;
        assertArrayEquals(
                first.get(1), recent.embedPassages(List.of("Kimi 支持 200 万字")).get(0));
    }

    @Test
    void aCopyKeepingPassagesElsewhereSharesTheQuestionsVectors() {
        HashingEmbedder model = new HashingEmbedder();
        RecentVectors library = new RecentVectors(10);
        RecentVectors sentences = new RecentVectors(10);
        CachingEmbedder searching = new CachingEmbedder(model, library);
        CachingEmbedder answering = searching.withPassages(sentences);
        float[] searched = searching.embedQuery("Sora 能生成多长的视频？");
        float[] answered = answering.embedQuery("Sora 能生成多长的视频？");
        assertEquals(1, model.queriesEmbedded.get(), "the question is embedded once for both");
        assertArrayEquals(searched, answered);
        answering.embedQuery("Kimi 支持多少字？");
        searching.embedQuery("Kimi 支持多少字？");
        assertEquals(2, model.queriesEmbedded.get());
        // A caller changing its vector does not change the kept one.
        answered[0] = 42f;
        assertArrayEquals(model.embedQuery("Sora 能生成多长的视频？"), searching.embedQuery("Sora 能生成多长的视频？"));
        // Passages stay where each keeps them.
        answering.embedPassages(List.of("Sora 可生成 60 秒视频。"));
        assertEquals(0, library.size());
        assertEquals(1, sentences.size());
        searching.embedPassages(List.of("Sora 可生成 60 秒视频。"));
        assertEquals(1, library.size());
        assertEquals(2, model.passagesEmbedded.get(), "each store asked the model for its own");
    }

    @Test
    void theLeastRecentlyUsedGoFirstBeyondTheBound() {
        HashingEmbedder model = new HashingEmbedder();
        RecentVectors kept = new RecentVectors(2);
        Embedder recent = new CachingEmbedder(model, kept);
        recent.embedPassages(List.of("a 甲", "b 乙"));
        recent.embedPassages(List.of("a 甲")); // a used last
        recent.embedPassages(List.of("c 丙")); // b goes
        assertEquals(2, kept.size());
        int before = model.passagesEmbedded.get();
        recent.embedPassages(List.of("a 甲", "c 丙"));
        assertEquals(before, model.passagesEmbedded.get(), "a and c kept");
        recent.embedPassages(List.of("b 乙"));
        assertEquals(before + 1, model.passagesEmbedded.get(), "b was dropped");
        assertThrows(IllegalArgumentException.class, () -> new RecentVectors(0));
    }

    @Test
    void manyAnswersAtOnceGetTheirOwnTextsVectors() throws Exception {
        HashingEmbedder model = new HashingEmbedder();
        RecentVectors kept = new RecentVectors(50);
        Embedder recent = new CachingEmbedder(model, kept);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String text = "句子 " + ((i * 7 + seed) % 120);
                        assertArrayEquals(
                                model.embedPassages(List.of(text)).get(0),
                                recent.embedPassages(List.of(text)).get(0),
                                text);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(50, kept.size());
    }
}
