package reportqa.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import reportqa.retrieval.embed.Embedder;

/** A test's embedding model: the real one, recording each question it is asked to embed. */
public final class CountingEmbedder implements Embedder {
    private final Embedder real;
    private final List<String> questions = Collections.synchronizedList(new ArrayList<>());

    public CountingEmbedder(Embedder real) {
        this.real = real;
    }

    /** The questions embedded so far, in order. */
    public List<String> questions() {
        synchronized (questions) {
            return List.copyOf(questions);
        }
    }

    @Override
    public String modelId() {
        return real.modelId();
    }

    @Override
    public int dimension() {
        return real.dimension();
    }

    @Override
    public boolean unitLength() {
        return real.unitLength();
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        return real.embedPassages(texts);
    }

    @Override
    public float[] embedQuery(String query) {
        questions.add(query);
        return real.embedQuery(query);
    }
}
