package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's vector format is Lucene's 7-bit HNSW format with a faster scorer: written from the
 * same vectors, its graph and every walk through it must be Lucene's own, score for score. Several
 * segments are merged, so that the merged graph is built by the scorer as well (a segment's first
 * graph is built on its floats, by Lucene's scorer).
 */
class Int7HnswVectorsFormatTest {

    private static final int DIMS = 64;

    @TempDir
    Path tmp;

    @Test
    void walksFindWhatLucenesOwnFormatFindsWithTheSameScores() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        float[][] vectors = new float[3_000][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = clustered(random, i);
        }
        Path lucene = write(tmp.resolve("lucene"), new Lucene99HnswScalarQuantizedVectorsFormat(16, 100), vectors);
        Path ours = write(tmp.resolve("ours"), new Int7HnswVectorsFormat(16, 100, 1, null), vectors);
        try (DirectoryReader a = DirectoryReader.open(FSDirectory.open(lucene));
                DirectoryReader b = DirectoryReader.open(FSDirectory.open(ours))) {
            assertEquals(1, b.leaves().size());
            // Read back by the name the segment records, without the writing codec.
            assertEquals(
                    Int7HnswVectorsFormat.NAME,
                    b.leaves()
                            .get(0)
                            .reader()
                            .getFieldInfos()
                            .fieldInfo("v")
                            .getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY));
            IndexSearcher sa = new IndexSearcher(a);
            IndexSearcher sb = new IndexSearcher(b);
            for (int q = 0; q < 50; q++) {
                float[] query = clustered(random, q);
                for (int width : new int[] {10, 100}) {
                    ScoreDoc[] expected = sa.search(new KnnFloatVectorQuery("v", query, width), width).scoreDocs;
                    ScoreDoc[] actual = sb.search(new KnnFloatVectorQuery("v", query, width), width).scoreDocs;
                    assertEquals(width, actual.length);
                    assertArrayEquals(docs(expected), docs(actual), "query " + q + ", width " + width);
                    assertArrayEquals(scores(expected), scores(actual), 0f, "query " + q + ", width " + width);
                }
            }
        }
    }

    @Test
    void mergeWorkersBuildTheGraphOnThreadsGiven() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            SplittableRandom random = new SplittableRandom(5);
            float[][] vectors = new float[1_000][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = clustered(random, i);
            }
            Path dir = write(tmp.resolve("workers"), new Int7HnswVectorsFormat(32, 200, 2, threads), vectors);
            try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
                IndexSearcher s = new IndexSearcher(r);
                // Every vector finds itself first: the merged graph reaches every node.
                for (int i = 0; i < vectors.length; i += 37) {
                    ScoreDoc top = s.search(new KnnFloatVectorQuery("v", vectors[i], 10), 1).scoreDocs[0];
                    assertEquals(
                            i,
                            s.storedFields()
                                    .document(top.doc)
                                    .getField("id")
                                    .numericValue()
                                    .intValue());
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theFormatIsFoundByName() {
        assertInstanceOf(Int7HnswVectorsFormat.class, KnnVectorsFormat.forName(Int7HnswVectorsFormat.NAME));
    }

    @Test
    void aShapeThatCannotBeBuiltIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Int7HnswVectorsFormat(0, 100, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new Int7HnswVectorsFormat(16, 100, 2, null));
    }

    /** Vectors around 20 centres, as passages of a few topics are. */
    private static float[] clustered(SplittableRandom random, int i) {
        SplittableRandom centre = new SplittableRandom(1_000 + i % 20);
        float[] v = new float[DIMS];
        for (int d = 0; d < DIMS; d++) {
            v[d] = (float) (centre.nextGaussian() + 0.5 * random.nextGaussian());
        }
        return v;
    }

    /** An index of the vectors, flushed as several segments and merged into one. */
    private static Path write(Path dir, KnnVectorsFormat format, float[][] vectors) throws Exception {
        IndexWriterConfig config = new IndexWriterConfig()
                .setMaxBufferedDocs(700)
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                });
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, config)) {
            for (int i = 0; i < vectors.length; i++) {
                Document doc = new Document();
                doc.add(new StoredField("id", i));
                doc.add(new KnnFloatVectorField("v", vectors[i], VectorSimilarityFunction.COSINE));
                w.addDocument(doc);
            }
            w.forceMerge(1);
            w.commit();
        }
        return dir;
    }

    private static int[] docs(ScoreDoc[] hits) {
        int[] out = new int[hits.length];
        for (int i = 0; i < hits.length; i++) {
            out[i] = hits[i].doc;
        }
        return out;
    }

    private static float[] scores(ScoreDoc[] hits) {
        float[] out = new float[hits.length];
        for (int i = 0; i < hits.length; i++) {
            out[i] = hits[i].score;
        }
        return out;
    }
}
