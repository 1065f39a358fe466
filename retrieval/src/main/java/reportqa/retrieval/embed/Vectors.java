package reportqa.retrieval.embed;

/** Arithmetic on embedding vectors. */
public final class Vectors {

    private Vectors() {}

    /** The cosine similarity of two vectors of one model, 0 when either is all zero. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
