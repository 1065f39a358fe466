package reportqa.retrieval.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import reportqa.retrieval.HashingEmbedder;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.eval.QuestionSet;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchBackend;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;

/**
 * Issue #14's benchmark: the same library in the embedded index and in a 2-node SolrCloud cluster
 * (Solr's own test cluster, in this process, on the same cores), built from the same report folder
 * with the same vectors, searched with the same queries. Indexing throughput, search latency per
 * mode (the backend's own search: k = 10, no question filters), agreement of the two backends' top
 * 10, and the time until a report added is searchable.
 *
 * <p>Vectors are hashed character bigrams in 512 dimensions (the real model's size), not the real
 * model's: embedding 300,000 passages with it takes hours on this machine, and both backends get the
 * same vectors. The query embedding is therefore nearly free here; the real model's (1.5–2 ms) is the
 * same for both backends and is added by neither.
 *
 * <p>Run with this module's test class path (the build writes it to {@code
 * target/solr-test-cluster.classpath}); the README's "SolrCloud" section gives the command.
 */
public final class SolrCloudBench {

    private SolrCloudBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path corpus = Path.of(o.getOrDefault("--corpus", "corpus"));
        Path work = Path.of(o.getOrDefault("--work", "target/solrcloud-bench"));
        Path out = Path.of(o.getOrDefault("--out", "solrcloud-bench.md"));
        int queries = Integer.parseInt(o.getOrDefault("--queries", "300"));
        int shards = Integer.parseInt(o.getOrDefault("--shards", "2"));
        int replicas = Integer.parseInt(o.getOrDefault("--replicas", "1"));
        List<String> texts = queries(o.getOrDefault("--questions", "corpus/questions-test.jsonl"), queries);
        Files.createDirectories(work);

        HashingEmbedder embedder = new HashingEmbedder(512);
        ReportLibrary.Config embeddedConfig = new ReportLibrary.Config(
                corpus,
                work.resolve("index"),
                work.resolve("cache"),
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()),
                HybridOptions.DEFAULT);
        StringBuilder report = new StringBuilder();
        try (TestSolrCloud solr = TestSolrCloud.start(2, work.resolve("solr"))) {
            ReportLibrary.Config cloudConfig =
                    embeddedConfig.withSolrCloud(SolrCloudTarget.zooKeeper(solr.zkHost(), "bench", shards, replicas));
            long t0 = System.nanoTime();
            ReportLibrary embedded = ReportLibrary.open(embeddedConfig, embedder, IndexProgress.NONE)
                    .library();
            double embeddedBuild = seconds(t0);
            t0 = System.nanoTime();
            ReportLibrary cloud = ReportLibrary.open(cloudConfig, embedder, IndexProgress.NONE)
                    .library();
            double cloudBuild = seconds(t0);
            try (embedded;
                    cloud) {
                int passages = embedded.backend().passageCount();
                int reports = embedded.backend().reports().size();
                report.append(String.format(
                        Locale.ROOT,
                        "| library | reports | passages | build s | passages/s |%n| --- | ---: | ---: | ---: | ---: |%n"
                                + "| embedded (Lucene) | %,d | %,d | %.1f | %,.0f |%n"
                                + "| SolrCloud, 2 nodes, %d shards × %d replica(s) | %,d | %,d | %.1f | %,.0f |%n%n",
                        reports,
                        passages,
                        embeddedBuild,
                        passages / embeddedBuild,
                        shards,
                        replicas,
                        cloud.backend().reports().size(),
                        cloud.backend().passageCount(),
                        cloudBuild,
                        passages / cloudBuild));
                report.append(
                        "| mode | embedded p50 / p99 ms | SolrCloud p50 / p99 ms | ratio (p50) | top-10 agreement |\n"
                                + "| --- | ---: | ---: | ---: | ---: |\n");
                for (SearchMode mode : SearchMode.values()) {
                    Timed e = timed(embedded.backend(), mode, texts);
                    Timed s = timed(cloud.backend(), mode, texts);
                    report.append(String.format(
                            Locale.ROOT,
                            "| %s | %.2f / %.2f | %.2f / %.2f | %.1f× | %.3f |%n",
                            mode.key(),
                            e.percentile(50),
                            e.percentile(99),
                            s.percentile(50),
                            s.percentile(99),
                            s.percentile(50) / e.percentile(50),
                            agreement(e.ids(), s.ids())));
                }
                report.append('\n').append(added(corpus, embedded, cloud, texts.get(0)));
            }
        }
        String text = "Written by `SolrCloudBench` (" + texts.size() + " queries, each once after " + WARM_UP
                + " warm-up queries; k = 10; vectors: hashed bigrams, 512 dimensions).\n\n" + report;
        Files.writeString(out, text);
        System.out.println(text);
        System.exit(0);
    }

    private static final int WARM_UP = 50;

    /** Latencies and results of one backend and mode over the queries. */
    private record Timed(double[] millis, List<List<String>> ids) {
        double percentile(int p) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }
    }

    private static Timed timed(SearchBackend backend, SearchMode mode, List<String> texts) throws IOException {
        for (int i = 0; i < WARM_UP; i++) {
            backend.search(texts.get(texts.size() - 1 - i % texts.size()), mode, SearchFilters.NONE, 10);
        }
        double[] millis = new double[texts.size()];
        List<List<String>> ids = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            long t0 = System.nanoTime();
            List<Passage> found = backend.search(texts.get(i), mode, SearchFilters.NONE, 10);
            millis[i] = (System.nanoTime() - t0) / 1e6;
            ids.add(found.stream().map(Passage::passageId).toList());
        }
        return new Timed(millis, ids);
    }

    /** The mean share of the embedded top 10 that the SolrCloud top 10 holds. */
    private static double agreement(List<List<String>> embedded, List<List<String>> cloud) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < embedded.size(); i++) {
            if (embedded.get(i).isEmpty()) {
                continue;
            }
            Set<String> both = new HashSet<>(embedded.get(i));
            both.retainAll(new HashSet<>(cloud.get(i)));
            sum += (double) both.size() / embedded.get(i).size();
            n++;
        }
        return n == 0 ? 1 : sum / n;
    }

    /** A report copied into the folder, indexed by each library, until a search finds it. */
    private static String added(Path corpus, ReportLibrary embedded, ReportLibrary cloud, String query)
            throws IOException {
        Path source;
        try (Stream<Path> s = Files.list(corpus)) {
            source = s.filter(p -> p.toString().endsWith(".txt"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        Path copy = corpus.resolve("zz-bench-added.txt");
        Files.copy(source, copy);
        try {
            long t0 = System.nanoTime();
            IndexResult e = embedded.update(IndexProgress.NONE);
            double embeddedSeconds = seconds(t0);
            t0 = System.nanoTime();
            IndexResult c = cloud.update(IndexProgress.NONE);
            double cloudSeconds = seconds(t0);
            return String.format(
                    Locale.ROOT,
                    "One report added to the folder, until searchable: embedded %.2f s (%s), SolrCloud %.2f s (%s).%n",
                    embeddedSeconds,
                    e.summary(),
                    cloudSeconds,
                    c.summary());
        } finally {
            Files.delete(copy);
            embedded.update(IndexProgress.NONE);
            cloud.update(IndexProgress.NONE);
        }
    }

    private static List<String> queries(String files, int n) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String f : files.split(",")) {
            for (EvalQuestion q : QuestionSet.load(Path.of(f))) {
                out.add(q.question());
            }
        }
        return new ArrayList<>(out).subList(0, Math.min(n, out.size()));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        return o;
    }
}
