package reportqa.server.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.text.Sentences;

/**
 * Passage vectors for libraries too large to embed with the real model in a benchmark's time: a
 * passage's vector is the normalised mean of the real model's vectors of its sentences, each
 * sentence embedded once (a generated library repeats the same 10,000 sentences in new orders).
 * Queries are embedded by the real model itself. The vectors live in the real model's space and
 * keep its structure (passages about one topic lie near each other, near the questions about it),
 * which a vector search's recall depends on; hashed vectors, spread evenly over the sphere and in
 * a space of their own, are the worst case of a graph search, not a library's.
 *
 * <p>A sentence cut by a passage's edge is embedded as it stands (and kept too); how many were is
 * {@link #fragmentsEmbedded()}.
 */
final class SentenceMeanEmbedder implements Embedder {

    private final Embedder real;
    private final Map<String, float[]> sentences = new ConcurrentHashMap<>();
    private final AtomicLong fragments = new AtomicLong();

    SentenceMeanEmbedder(Embedder real) {
        this.real = real;
    }

    /** Embeds the sentences passages are made of, in batches, before any passage asks for them. */
    void learn(List<String> texts) {
        List<String> missing = texts.stream()
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .distinct()
                .filter(t -> !sentences.containsKey(t))
                .toList();
        for (int i = 0; i < missing.size(); i += 64) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + 64));
            List<float[]> vectors = real.embedPassages(batch);
            for (int j = 0; j < batch.size(); j++) {
                sentences.put(batch.get(j), vectors.get(j));
            }
        }
    }

    /** Sentences embedded because no sentence learned before was them (cut by a passage's edge). */
    long fragmentsEmbedded() {
        return fragments.get();
    }

    @Override
    public String modelId() {
        return "sentence-mean-" + real.modelId();
    }

    @Override
    public int dimension() {
        return real.dimension();
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<List<String>> pieces = new ArrayList<>(texts.size());
        Set<String> unknown = new LinkedHashSet<>();
        for (String t : texts) {
            List<String> own = new ArrayList<>();
            for (String line : t.split("\n")) {
                for (String s : Sentences.split(line.strip())) {
                    String p = s.strip();
                    if (!p.isEmpty()) {
                        own.add(p);
                        if (!sentences.containsKey(p)) {
                            unknown.add(p);
                        }
                    }
                }
            }
            pieces.add(own);
        }
        if (!unknown.isEmpty()) {
            fragments.addAndGet(unknown.size());
            learn(List.copyOf(unknown));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (List<String> own : pieces) {
            float[] sum = new float[dimension()];
            for (String p : own) {
                float[] v = sentences.get(p);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += v[i];
                }
            }
            out.add(normalised(sum));
        }
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        return real.embedQuery(query);
    }

    @Override
    public boolean unitLength() {
        return true;
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            v[0] = 1; // a passage of nothing embeddable: any unit vector
            return v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
