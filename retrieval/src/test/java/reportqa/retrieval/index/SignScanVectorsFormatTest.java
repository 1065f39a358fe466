package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnByteVectorField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's vector format: every search scores its shortlist on the floats, so its scores are
 * the exact ones; a shortlist as wide as the vectors a search may return finds exactly what an exact
 * search finds (deleted and filtered ones left out), however the vectors are split into segments,
 * merged, or sorted; a narrow shortlist still finds most of the nearest.
 */
class SignScanVectorsFormatTest {

    private static final int DIMS = 96;

    private static final VectorSimilarityFunction COSINE = VectorSimilarityFunction.COSINE;

    @TempDir
    Path tmp;

    @Test
    void aShortlistAsWideAsTheIndexFindsTheExactTopInEverySegmentLayout() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        float[][] vectors = clustered(random, 1_500);
        Path flushed = write(tmp.resolve("flushed"), vectors, false, false);
        Path merged = write(tmp.resolve("merged"), vectors, true, false);
        Path sorted = write(tmp.resolve("sorted"), vectors, false, true);
        for (Path dir : List.of(flushed, merged, sorted)) {
            try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
                if (dir == merged) {
                    assertEquals(1, r.leaves().size());
                } else {
                    assertTrue(r.leaves().size() > 1, "several segments");
                }
                IndexSearcher s = new IndexSearcher(r);
                for (int q = 0; q < 10; q++) {
                    float[] query = clustered(random, 1)[0];
                    ScoreDoc[] found = s.search(new KnnFloatVectorQuery("v", query, 1_500), 20).scoreDocs;
                    assertArrayEquals(exactTop(vectors, query, 20, i -> true), ids(s, found), dir + ", query " + q);
                    for (ScoreDoc d : found) {
                        assertEquals(COSINE.compare(query, vectors[id(s, d)]), d.score, 0f, "the float score");
                    }
                }
            }
        }
    }

    @Test
    void theSignsFollowTheFloatsIntoASortedIndex() throws Exception {
        // Same vectors, same segments, each segment's documents in reverse order: a short list is
        // drawn from each vector's own signs, so both find the same passages.
        SplittableRandom random = new SplittableRandom(13);
        float[][] vectors = clustered(random, 1_200);
        Path flushed = write(tmp.resolve("in-order"), vectors, false, false);
        Path sorted = write(tmp.resolve("reversed"), vectors, false, true);
        try (DirectoryReader a = DirectoryReader.open(FSDirectory.open(flushed));
                DirectoryReader b = DirectoryReader.open(FSDirectory.open(sorted))) {
            IndexSearcher sa = new IndexSearcher(a);
            IndexSearcher sb = new IndexSearcher(b);
            for (int q = 0; q < 20; q++) {
                float[] query = clustered(random, 1)[0];
                KnnFloatVectorQuery narrow = new KnnFloatVectorQuery("v", query, 30);
                int[] inOrder = ids(sa, sa.search(narrow, 30).scoreDocs);
                int[] reversed = ids(sb, sb.search(narrow, 30).scoreDocs);
                Arrays.sort(inOrder);
                Arrays.sort(reversed);
                assertArrayEquals(inOrder, reversed, "query " + q);
            }
        }
    }

    @Test
    void deletedAndFilteredVectorsAreNeverReturned() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        float[][] vectors = clustered(random, 1_000);
        Path dir = write(tmp.resolve("deleted"), vectors, false, false);
        IndexWriterConfig config = new IndexWriterConfig().setCodec(codec());
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, config)) {
            w.deleteDocuments(IntPoint.newRangeQuery("id", 0, 299));
            w.commit();
        }
        try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher s = new IndexSearcher(r);
            Query odd = IntPoint.newSetQuery(
                    "id", IntStream.range(0, 1_000).filter(i -> i % 2 == 1).toArray());
            for (int q = 0; q < 10; q++) {
                float[] query = clustered(random, 1)[0];
                ScoreDoc[] found = s.search(new KnnFloatVectorQuery("v", query, 1_000, odd), 10).scoreDocs;
                assertArrayEquals(exactTop(vectors, query, 10, i -> i >= 300 && i % 2 == 1), ids(s, found));
            }
        }
    }

    @Test
    void aNarrowShortlistStillHoldsMostOfTheNearest() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        float[][] vectors = clustered(random, 3_000);
        Path dir = write(tmp.resolve("narrow"), vectors, true, false);
        try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher s = new IndexSearcher(r);
            int found = 0;
            for (int q = 0; q < 50; q++) {
                float[] query = clustered(random, 1)[0];
                Set<Integer> exact = new HashSet<>();
                Arrays.stream(exactTop(vectors, query, 10, i -> true)).forEach(exact::add);
                for (int id : ids(s, s.search(new KnnFloatVectorQuery("v", query, 150), 10).scoreDocs)) {
                    found += exact.contains(id) ? 1 : 0;
                }
            }
            // 150 of 3,000 (5%): signs alone would be far below this; random picks would hold 5%.
            double recall = found / 500.0;
            assertTrue(recall >= 0.9, "recall@10 of a 150-wide shortlist: " + recall);
        }
    }

    @Test
    void vectorsOfOneSignAreSearchedExactly() throws Exception {
        // Counts: positive wherever not zero, their signs alike; a shortlist drawn from them would be
        // a lottery (SignBalance).
        SplittableRandom random = new SplittableRandom(17);
        float[][] vectors = new float[2_000][DIMS];
        for (float[] v : vectors) {
            for (int k = 0; k < DIMS; k++) {
                v[k] = random.nextInt(3) == 0 ? 0 : random.nextInt(1, 9);
            }
        }
        Path dir = write(tmp.resolve("counts"), vectors, true, false);
        try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher s = new IndexSearcher(r);
            for (int q = 0; q < 10; q++) {
                float[] query = vectors[random.nextInt(vectors.length)].clone();
                query[q] += 3;
                ScoreDoc[] found = s.search(new KnnFloatVectorQuery("v", query, 20), 10).scoreDocs;
                assertArrayEquals(exactTop(vectors, query, 10, i -> true), ids(s, found), "query " + q);
            }
        }
    }

    @Test
    void theFormatIsFoundByName() throws Exception {
        assertInstanceOf(SignScanVectorsFormat.class, KnnVectorsFormat.forName(SignScanVectorsFormat.NAME));
        Path dir = write(tmp.resolve("named"), clustered(new SplittableRandom(1), 10), false, false);
        try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
            LeafReader leaf = r.leaves().get(0).reader();
            assertEquals(
                    SignScanVectorsFormat.NAME,
                    leaf.getFieldInfos().fieldInfo("v").getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY));
        }
    }

    @Test
    void vectorsItCannotRankAreRefusedWhenWritten() throws Exception {
        for (Document doc : List.of(byteVector(), euclidean())) {
            try (FSDirectory d = FSDirectory.open(Files.createTempDirectory(tmp, "refused"));
                    IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setCodec(codec()))) {
                assertThrows(IllegalArgumentException.class, () -> w.addDocument(doc));
            }
        }
    }

    @Test
    void damagedSignsAreFoundWhenTheSegmentIsOpened() throws Exception {
        // One segment of its own files (a flushed one, not in a compound file).
        Path dir = write(tmp.resolve("damaged"), clustered(new SplittableRandom(2), 200), false, false);
        Path signs;
        try (Stream<Path> files = Files.list(dir)) {
            signs = files.filter(f -> f.toString().endsWith("." + SignScanVectorsFormat.DATA_EXTENSION))
                    .findFirst()
                    .orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(signs, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            ch.read(one, 100);
            one.put(0, (byte) ~one.get(0)).rewind();
            ch.write(one, 100);
        }
        try (FSDirectory d = FSDirectory.open(dir)) {
            assertThrows(CorruptIndexException.class, () -> DirectoryReader.open(d));
        }
    }

    private static Document byteVector() {
        Document d = new Document();
        d.add(new KnnByteVectorField("b", new byte[] {1, 2, 3}, VectorSimilarityFunction.DOT_PRODUCT));
        return d;
    }

    private static Document euclidean() {
        Document d = new Document();
        d.add(new KnnFloatVectorField("e", new float[] {1, 2, 3}, VectorSimilarityFunction.EUCLIDEAN));
        return d;
    }

    /** The ids of the best {@code n} vectors the predicate allows, exactly; best first. */
    private static int[] exactTop(float[][] vectors, float[] query, int n, java.util.function.IntPredicate allowed) {
        return IntStream.range(0, vectors.length)
                .filter(allowed)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -COSINE.compare(query, vectors[i]))
                        .thenComparing(i -> i))
                .limit(n)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static int[] ids(IndexSearcher s, ScoreDoc[] found) throws IOException {
        int[] out = new int[found.length];
        for (int i = 0; i < found.length; i++) {
            out[i] = id(s, found[i]);
        }
        return out;
    }

    private static int id(IndexSearcher s, ScoreDoc d) throws IOException {
        return s.storedFields().document(d.doc).getField("id").numericValue().intValue();
    }

    /** Vectors around 20 centres, as passages of a few topics are. */
    private static float[][] clustered(SplittableRandom random, int n) {
        float[][] out = new float[n][DIMS];
        for (int i = 0; i < n; i++) {
            SplittableRandom centre = new SplittableRandom(1_000 + random.nextInt(20));
            for (int k = 0; k < DIMS; k++) {
                out[i][k] = (float) (centre.nextGaussian() + 0.7 * random.nextGaussian());
            }
        }
        return out;
    }

    private static Lucene912Codec codec() {
        KnnVectorsFormat format = new SignScanVectorsFormat();
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    /**
     * An index of the vectors in segments of 400 (the last flushed apart), merged into one when
     * asked, or sorted by descending id (the signs must follow the floats into the sorted order).
     */
    private static Path write(Path dir, float[][] vectors, boolean merge, boolean sortDescending) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig()
                .setMaxBufferedDocs(400)
                .setUseCompoundFile(false)
                .setCodec(codec());
        if (sortDescending) {
            config.setIndexSort(new Sort(new SortField("order", SortField.Type.INT)));
        }
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            Document d = new Document();
            d.add(new KnnFloatVectorField("v", vectors[i], COSINE));
            d.add(new StoredField("id", i));
            d.add(new IntPoint("id", i));
            d.add(new NumericDocValuesField("order", -i));
            docs.add(d);
        }
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, config)) {
            for (Document doc : docs) {
                w.addDocument(doc);
            }
            if (merge) {
                w.forceMerge(1);
            }
            w.commit();
        }
        return dir;
    }
}
