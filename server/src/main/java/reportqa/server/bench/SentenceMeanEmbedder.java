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
 * <p>A sentence cut by a passage's edge takes the vector of the whole sentence it was cut from (how
 * many did is {@link #piecesOfKnownSentences()}): embedding each piece with the real model took most of
 * a 10,000-report build (94,842 pieces, about 16 minutes), for vectors that are approximations either
 * way. A piece of no learned sentence is embedded as it stands (and kept); how many were is
 * {@link #fragmentsEmbedded()}.
 */
final class SentenceMeanEmbedder implements Embedder {

    private final Embedder real;
    private final Map<String, float[]> sentences = new ConcurrentHashMap<>();
    private final AtomicLong fragments = new AtomicLong();
    private final AtomicLong known = new AtomicLong();

    /** Characters of a piece looked up to find the learned sentences that may hold it. */
    static final int WINDOW = 6;

    /** Every run of {@link #WINDOW} characters of a learned sentence, with the sentences that hold it. */
    private final Map<String, List<String>> windows = new ConcurrentHashMap<>();

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
                String sentence = batch.get(j);
                sentences.put(sentence, vectors.get(j));
                for (int k = 0; k + WINDOW <= sentence.length(); k++) {
                    // A new list each time, never one changed in place: a reader may be walking the old one.
                    windows.merge(sentence.substring(k, k + WINDOW), List.of(sentence), SentenceMeanEmbedder::joined);
                }
            }
        }
    }

    /** Pieces of sentences (cut by a passage's edge) that took the vector of the learned sentence holding them. */
    long piecesOfKnownSentences() {
        return known.get();
    }

    /** The learned sentence holding a piece, or null (a piece shorter than {@link #WINDOW} is looked up as it is). */
    private String wholeOf(String piece) {
        if (piece.length() < WINDOW) {
            return null;
        }
        List<String> holding = windows.get(piece.substring(0, WINDOW));
        if (holding == null) {
            return null;
        }
        for (String sentence : holding) {
            if (sentence.contains(piece)) {
                return sentence;
            }
        }
        return null;
    }

    private static List<String> joined(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** Sentences embedded because no sentence learned before was them or held them. */
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
                    if (p.isEmpty()) {
                        continue;
                    }
                    if (!sentences.containsKey(p)) {
                        String whole = wholeOf(p);
                        if (whole != null) {
                            known.incrementAndGet();
                            p = whole;
                        } else {
                            unknown.add(p);
                        }
                    }
                    own.add(p);
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
