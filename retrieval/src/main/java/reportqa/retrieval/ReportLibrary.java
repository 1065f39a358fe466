package reportqa.retrieval;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.embed.CachingEmbedder;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.embed.EmbeddingCache;
import reportqa.retrieval.index.CorpusIndexer;
import reportqa.retrieval.index.IndexCheck;
import reportqa.retrieval.index.IndexCheck.IndexDamage;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.index.ReportIndex;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.report.Vocabulary;
import reportqa.retrieval.search.FurnitureDemotion;
import reportqa.retrieval.search.HeaderFieldLift;
import reportqa.retrieval.search.HeaderQuestions;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.LuceneSearchBackend;
import reportqa.retrieval.search.QueryExpansion;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchBackend;
import reportqa.retrieval.solr.SolrCloud;
import reportqa.retrieval.solr.SolrCloudTarget;
import reportqa.retrieval.solr.SolrSearchBackend;
import reportqa.retrieval.text.Hashes;

/**
 * A corpus folder, its index and a retriever over it, wired together: what the server and the
 * command line open. Opening brings the index up to date with the corpus folder first, or (what
 * {@code serve} asks for, {@link Opening#LAST_COMMIT}) opens the last commit to be searched at once
 * and leaves the update to the caller.
 *
 * <p>A damaged index (a truncated or garbled segment, a missing commit point) is found when the
 * library opens and rebuilt from the corpus before anything is served. Serving an older commit
 * meanwhile is not attempted: only the last commit is kept (Lucene's default deletion policy), and
 * its files are the damaged ones.
 */
public final class ReportLibrary implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportLibrary.class);

    /**
     * Where things are and how they are built.
     *
     * @param corpusDir the folder of report files
     * @param indexDir the Lucene index of that corpus
     * @param cacheDir where passage embeddings are cached
     * @param settings analysis, chunking, embedder
     * @param hybrid fusion options
     * @param solrCloud the SolrCloud collection that holds the library instead of the index folder, or
     *     null for the embedded index (then the index folder only keeps the report files' stamps)
     */
    public record Config(
            Path corpusDir,
            Path indexDir,
            Path cacheDir,
            IndexSettings settings,
            HybridOptions hybrid,
            SolrCloudTarget solrCloud) {

        /** The embedded index. */
        public Config(Path corpusDir, Path indexDir, Path cacheDir, IndexSettings settings, HybridOptions hybrid) {
            this(corpusDir, indexDir, cacheDir, settings, hybrid, null);
        }

        /**
         * The layout under a data folder: {@code index/<corpus-name>-<hash>} (one index per corpus
         * folder, so evaluating another corpus never replaces the main index) and {@code cache/}.
         */
        public static Config under(Path dataDir, Path corpusDir, IndexSettings settings, HybridOptions hybrid) {
            Path abs = corpusDir.toAbsolutePath().normalize();
            String name = abs.getFileName() == null
                    ? "corpus"
                    : abs.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            String hash = Hashes.sha256Prefix(abs.toString(), 4);
            return new Config(
                    corpusDir,
                    dataDir.resolve("index").resolve(name + "-" + hash),
                    dataDir.resolve(CACHE),
                    settings,
                    hybrid);
        }

        /**
         * Where the embedding model's file is kept out of its jar under a data folder ({@code
         * cache/model}; see {@link reportqa.retrieval.embed.ModelFile}): a cache, deleted at no cost.
         */
        public static Path modelDirUnder(Path dataDir) {
            return dataDir.resolve(CACHE).resolve("model");
        }

        private static final String CACHE = "cache";

        public Config withIndexDir(Path dir) {
            return new Config(corpusDir, dir, cacheDir, settings, hybrid, solrCloud);
        }

        /** The library kept in a SolrCloud collection: the search backend is {@code solrcloud}. */
        public Config withSolrCloud(SolrCloudTarget target) {
            return new Config(corpusDir, indexDir, cacheDir, settings, hybrid, target);
        }

        /**
         * Where the report files' stamps are kept for a SolrCloud library: beside the embedded index's
         * folder, one folder per collection, never inside it (the embedded index's folder is its alone).
         */
        Path solrStampsDir() {
            return indexDir.resolveSibling(indexDir.getFileName() + "-solrcloud-" + solrCloud.collection());
        }
    }

    /** What keeps the library's passages, brought up to date from the corpus and closed with the library. */
    private interface Store extends Closeable {
        IndexResult update(IndexProgress progress, Set<String> reread) throws IOException;
    }

    private final Config config;
    private final Store store;
    private final Retriever retriever;
    private final CachingEmbedder embedder;
    private volatile IndexResult lastUpdate;

    private ReportLibrary(
            Config config, Store store, Retriever retriever, CachingEmbedder embedder, IndexResult lastUpdate) {
        this.config = config;
        this.store = store;
        this.retriever = retriever;
        this.embedder = embedder;
        this.lastUpdate = lastUpdate;
    }

    /** How a library opens: brought up to date first, or on its last commit. */
    public enum Opening {
        /** The index brought up to date with the corpus folder before the library is returned. */
        UP_TO_DATE,
        /**
         * The index's last commit opened for searching as it is, when there is one built with these
         * settings and undamaged; bringing it up to date ({@link #update}) is left to the caller, which
         * may search meanwhile, as it does while an update runs. At 10,000 reports checking the files
         * of an unchanged folder is half a second of a start. Without such a commit (the first start,
         * other settings, damage) there is nothing to search yet: the index is built first, as for
         * {@link #UP_TO_DATE}. A SolrCloud library is always brought up to date first.
         */
        LAST_COMMIT
    }

    /**
     * Opens the library, first bringing the index up to date with the corpus.
     *
     * @param model the embedding model (its passage vectors are cached under {@code cacheDir})
     */
    public static Opened open(Config config, Embedder model, IndexProgress progress) throws IOException {
        return open(config, model, progress, Opening.UP_TO_DATE);
    }

    /**
     * Opens the library as {@code opening} says.
     *
     * @param model the embedding model (its passage vectors are cached under {@code cacheDir})
     */
    public static Opened open(Config config, Embedder model, IndexProgress progress, Opening opening)
            throws IOException {
        if (config.solrCloud() != null) {
            return openSolrCloud(config, model, progress);
        }
        Optional<IndexDamage> damage = IndexCheck.check(config.indexDir(), relativeName(config.indexDir()));
        if (damage.isPresent()) {
            LOG.warn(
                    "index {} is damaged ({}), found in {} ms; rebuilding it from the corpus",
                    damage.get().folder(),
                    damage.get().reason(),
                    damage.get().checkMillis());
            clear(config.indexDir());
        }
        BrokerRegistry brokers = BrokerRegistry.standard();
        CachingEmbedder embedder = new CachingEmbedder(model, new EmbeddingCache(config.cacheDir(), model));
        CorpusIndexer indexer = new CorpusIndexer(
                        ReportIndex.directory(config.indexDir()),
                        config.settings(),
                        new ReportParser(brokers, Vocabulary.standard()),
                        embedder)
                .withSourceStamps(config.indexDir());
        // An index already there (built with these settings) is opened first: the searcher reads
        // every report of it once, and the update takes what is indexed from there instead of
        // reading it all a second time. One the update will rebuild whole is not read at all.
        ReportIndex index = null;
        IndexResult first;
        if (indexer.builtWithTheseSettings()) {
            index = ReportIndex.open(indexer.directory());
            try {
                first = opening == Opening.LAST_COMMIT
                        ? null
                        : update(indexer, index, config.corpusDir(), progress, Set.of());
            } catch (IOException | RuntimeException e) {
                index.close();
                throw e;
            }
        } else {
            first = indexer.update(config.corpusDir(), progress);
            index = ReportIndex.open(indexer.directory());
        }
        SearchBackend backend =
                new LuceneSearchBackend(index, embedder, config.settings().analysis(), config.hybrid());
        ReportIndex opened = index;
        Store store = new Store() {
            @Override
            public IndexResult update(IndexProgress p, Set<String> reread) throws IOException {
                return ReportLibrary.update(indexer, opened, config.corpusDir(), p, reread);
            }

            @Override
            public void close() throws IOException {
                opened.close();
            }
        };
        return new Opened(
                new ReportLibrary(config, store, retriever(config, backend, brokers), embedder, first), first, damage);
    }

    /**
     * Opens a library kept in a SolrCloud collection: the collection is made if missing and brought
     * up to date with the corpus as the embedded index is (ReportQA reads, chunks and embeds; Solr
     * keeps and searches). Nothing is checked for damage here: the cluster keeps its replicas.
     */
    private static Opened openSolrCloud(Config config, Embedder model, IndexProgress progress) throws IOException {
        BrokerRegistry brokers = BrokerRegistry.standard();
        CachingEmbedder embedder = new CachingEmbedder(model, new EmbeddingCache(config.cacheDir(), model));
        SolrCloud.Opened solr = SolrCloud.open(
                config.solrCloud(),
                config.settings(),
                embedder,
                config.hybrid(),
                config.corpusDir().toAbsolutePath().normalize().toString());
        SolrSearchBackend backend = solr.backend();
        try {
            Files.createDirectories(config.solrStampsDir());
            CorpusIndexer indexer = new CorpusIndexer(
                            solr.store(), config.settings(), new ReportParser(brokers, Vocabulary.standard()), embedder)
                    .withSourceStamps(config.solrStampsDir());
            Store store = new Store() {
                @Override
                public IndexResult update(IndexProgress p, Set<String> reread) throws IOException {
                    IndexResult result = indexer.update(config.corpusDir(), p, null, reread);
                    // The backend read every card when it opened (and reads them again every minute):
                    // an update that committed nothing leaves them as read, and a start of an
                    // unchanged library reads 10,000 cards once, not twice.
                    if (result.modified()) {
                        backend.refresh();
                    }
                    return result;
                }

                @Override
                public void close() {
                    backend.close();
                }
            };
            IndexResult first = store.update(progress, Set.of());
            return new Opened(
                    new ReportLibrary(config, store, retriever(config, backend, brokers), embedder, first),
                    first,
                    Optional.empty());
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private static Retriever retriever(Config config, SearchBackend backend, BrokerRegistry brokers) {
        return new Retriever(
                backend,
                brokers,
                QueryExpansion.standard(),
                new FurnitureDemotion(config.hybrid().furnitureDemotion()),
                new HeaderFieldLift(HeaderQuestions.standard(), config.hybrid().headerReports()));
    }

    /**
     * A library just opened, what bringing its index up to date did (null when it opened on its last
     * commit without an update: {@link Opening#LAST_COMMIT}), and the damage that made it rebuild the
     * index whole, if any.
     */
    public record Opened(ReportLibrary library, IndexResult update, Optional<IndexDamage> repaired) {}

    /** {@code index/corpus-1a2b}: the index folder with its parent, never an absolute path. */
    static String relativeName(Path indexDir) {
        Path abs = indexDir.toAbsolutePath().normalize();
        int n = abs.getNameCount();
        return n >= 2 ? abs.subpath(n - 2, n).toString() : String.valueOf(abs.getFileName());
    }

    /** Deletes the index's files (the folder is the index's alone), so the next update builds it whole. */
    private static void clear(Path indexDir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(indexDir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Files.delete(f);
        }
    }

    /**
     * Brings the open library up to date with its corpus folder: only added, changed and removed
     * report files are read, and searches see the new commit when it is complete (a search running
     * meanwhile sees the one before). One update at a time; what was indexed is taken from the open
     * searcher, and the searcher after the update reads only the segments the update wrote, so a
     * report added to a large library is searchable in about the time it takes to embed it.
     */
    public synchronized IndexResult update(IndexProgress progress) throws IOException {
        return update(progress, Set.of());
    }

    /**
     * Brings the open library up to date as {@link #update(IndexProgress)} does, and reads the
     * reports of {@code reread} again even if their files did not change.
     */
    public synchronized IndexResult update(IndexProgress progress, Set<String> reread) throws IOException {
        lastUpdate = store.update(progress, reread);
        return lastUpdate;
    }

    /** Updates {@code index} from the corpus, telling the indexer what its searcher read, and refreshes it. */
    private static IndexResult update(
            CorpusIndexer indexer, ReportIndex index, Path corpusDir, IndexProgress progress, Set<String> reread)
            throws IOException {
        IndexResult result = indexer.update(corpusDir, progress, index.withSearcher(CorpusIndexer.Indexed::of), reread);
        index.refresh();
        return result;
    }

    /**
     * What the last update did (the one when the library opened, until another runs); null while a
     * library opened on its last commit ({@link Opening#LAST_COMMIT}) has not been updated yet.
     */
    public IndexResult lastUpdate() {
        return lastUpdate;
    }

    public Config config() {
        return config;
    }

    /** Searching, with the filters a question names. */
    public Retriever retriever() {
        return retriever;
    }

    /**
     * The model as the library uses it: passage vectors cached on disk, the last questions' vectors
     * in memory (shared with any {@link CachingEmbedder#withPassages} of it).
     */
    public CachingEmbedder embedder() {
        return embedder;
    }

    /** The backend behind {@link #retriever()}: reports and their passages. */
    public SearchBackend backend() {
        return retriever.backend();
    }

    /** Closes the index (or the SolrCloud client); an update under way finishes first (this waits for it). */
    @Override
    public synchronized void close() throws IOException {
        store.close();
    }
}
