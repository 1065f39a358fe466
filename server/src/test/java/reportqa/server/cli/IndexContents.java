package reportqa.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import reportqa.retrieval.index.Fields;

/**
 * What the last commit of an index folder holds, read with Lucene directly: every live passage
 * (report, id, ordinal, offsets, text, vector) and every report document (id and source hash). Two
 * builds of one corpus hold the same; a crash must leave one of them, never a mix.
 *
 * @param passages the passages, sorted by report and ordinal (duplicates kept, to be found)
 * @param reports report id → source hashes of its report documents (more than one is a duplicate)
 * @param vectors passage id → its vectors (more than one is a duplicate)
 */
record IndexContents(List<Passage> passages, Map<String, List<String>> reports, Map<String, List<float[]>> vectors) {

    /** A passage as indexed, without its vector. */
    record Passage(String reportId, String passageId, int ordinal, int start, int end, String text) {}

    /** The contents of the last commit in {@code dir}, or empty when nothing was ever committed there. */
    static Optional<IndexContents> of(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Directory d = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(d)) {
                return Optional.empty();
            }
            try (DirectoryReader reader = DirectoryReader.open(d)) {
                return Optional.of(read(reader));
            }
        }
    }

    private static IndexContents read(DirectoryReader reader) throws IOException {
        List<Passage> passages = new ArrayList<>();
        Map<String, List<String>> reports = new TreeMap<>();
        Map<String, List<float[]>> vectors = new HashMap<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader r = leaf.reader();
            Bits live = r.getLiveDocs();
            StoredFields stored = r.storedFields();
            Map<Integer, float[]> vectorOf = new HashMap<>();
            FloatVectorValues values = r.getFloatVectorValues(Fields.VECTOR);
            if (values != null) {
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    vectorOf.put(doc, values.vectorValue().clone());
                }
            }
            for (int doc = 0; doc < r.maxDoc(); doc++) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                Document d = stored.document(doc);
                String passageId = d.get(Fields.PASSAGE_ID);
                if (passageId == null) {
                    reports.computeIfAbsent(d.get(Fields.REPORT_ID), k -> new ArrayList<>())
                            .add(d.get(Fields.SOURCE_HASH));
                    continue;
                }
                passages.add(new Passage(
                        d.get(Fields.REPORT_ID),
                        passageId,
                        d.getField(Fields.ORDINAL).numericValue().intValue(),
                        d.getField(Fields.START).numericValue().intValue(),
                        d.getField(Fields.END).numericValue().intValue(),
                        d.get(Fields.TEXT)));
                vectors.computeIfAbsent(passageId, k -> new ArrayList<>()).add(vectorOf.get(doc));
            }
        }
        passages.sort(Comparator.comparing(Passage::reportId).thenComparingInt(Passage::ordinal));
        return new IndexContents(passages, reports, vectors);
    }

    /** Passage ids indexed more than once, and report ids with more than one report document. */
    List<String> duplicates() {
        List<String> out = new ArrayList<>();
        vectors.forEach((id, v) -> {
            if (v.size() > 1) {
                out.add("passage " + id + " × " + v.size());
            }
        });
        reports.forEach((id, hashes) -> {
            if (hashes.size() > 1) {
                out.add("report " + id + " × " + hashes.size());
            }
        });
        return out;
    }

    /**
     * How this index differs from {@code expected}, in words, or an empty list when it holds the same
     * passages, reports and vectors (vectors to within {@code 1e-5} per component: the same model in
     * another process).
     */
    List<String> differencesFrom(IndexContents expected) {
        List<String> out = new ArrayList<>(duplicates());
        if (!reports.equals(expected.reports)) {
            out.add("reports " + reports.keySet() + " instead of " + expected.reports.keySet());
        }
        if (!passages.equals(expected.passages)) {
            List<Passage> missing = new ArrayList<>(expected.passages);
            missing.removeAll(passages);
            List<Passage> extra = new ArrayList<>(passages);
            extra.removeAll(expected.passages);
            out.add(passages.size() + " passages instead of " + expected.passages.size() + "; missing " + ids(missing)
                    + ", not expected " + ids(extra));
        }
        for (Passage p : expected.passages) {
            List<float[]> mine = vectors.get(p.passageId());
            float[] theirs = expected.vectors.get(p.passageId()).get(0);
            if (mine != null && mine.get(0) != null && maxDifference(mine.get(0), theirs) > 1e-5) {
                out.add("the vector of " + p.passageId() + " differs by " + maxDifference(mine.get(0), theirs));
            }
            if (mine != null && mine.get(0) == null) {
                out.add("passage " + p.passageId() + " has no vector");
            }
        }
        return out;
    }

    private static List<String> ids(List<Passage> ps) {
        return ps.stream().map(Passage::passageId).limit(10).toList();
    }

    private static double maxDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
