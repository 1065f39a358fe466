package reportqa.retrieval.index;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.util.Bits;

/**
 * The scan of a segment's signs for the best estimates of a query ({@link Shortlist}): in chunks of
 * vectors, which the caller takes one after another and, in a large segment, a helper thread takes
 * too as soon as one is free.
 *
 * <p>The helper is offered, never waited for: on a machine whose cores are all searching it starts
 * late or not at all, and the caller scans what it has not taken (a hybrid search's helper starts
 * once its BM25 half, on the other core, is done). Each takes the next chunk not yet taken and keeps
 * its own shortlist; the caller then adds the helper's to its own. Estimates rank equal ones by
 * ordinal, so the list is the same whoever scanned which chunk. Both read the documents allowed
 * from the same {@link Bits}: what Lucene passes a vector search (the live documents, a filter's bit
 * set) is read-only and safe to share.
 */
final class SignScan {

    /** Vectors a chunk holds: about 0.1 ms of estimates. */
    static final int CHUNK = 8_192;

    /** The least vectors a segment has before a helper is offered: fewer are scanned sooner than handed over. */
    static final int HELPED_FROM = 4 * CHUNK;

    private final Executor helpers;

    /** @param helpers where a helper runs, or null for the caller alone */
    SignScan(Executor helpers) {
        this.helpers = helpers;
    }

    /** The ordinals of the best {@code k} estimates among the vectors whose documents {@code acceptDocs} allows. */
    int[] shortlist(SegmentSigns segment, Bits acceptDocs, SignBits query, int k) {
        int chunks = (segment.count() + CHUNK - 1) / CHUNK;
        Shortlist mine = new Shortlist(k);
        if (helpers == null || segment.count() < HELPED_FROM) {
            for (int c = 0; c < chunks; c++) {
                scan(segment, acceptDocs, query, c, mine);
            }
            return mine.ords();
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Shortlist theirs = new Shortlist(k);
        try {
            helpers.execute(() -> {
                try {
                    take(segment, acceptDocs, query, next, done, theirs);
                } catch (RuntimeException | Error e) {
                    // Reported by the caller, which would otherwise wait for the chunk forever.
                    failed.set(e);
                }
            });
        } catch (RejectedExecutionException busy) {
            // Every helper busy and their queue full: the caller scans it all, as on one core.
        }
        take(segment, acceptDocs, query, next, done, mine);
        awaitHelper(done, failed);
        mine.addAll(theirs);
        return mine.ords();
    }

    /** Waits for the chunk the helper may still be scanning; its failure is thrown here. */
    private static void awaitHelper(CountDownLatch done, AtomicReference<Throwable> failed) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (done.await(10, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    // The chunk ends within a millisecond: finish, and keep the interrupt for the caller.
                    interrupted = true;
                }
                Throwable t = failed.get();
                if (t != null) {
                    throw new IllegalStateException("the vector scan's helper failed: " + t, t);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void take(
            SegmentSigns segment,
            Bits acceptDocs,
            SignBits query,
            AtomicInteger next,
            CountDownLatch done,
            Shortlist into) {
        int chunks = (segment.count() + CHUNK - 1) / CHUNK;
        for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
            scan(segment, acceptDocs, query, c, into);
            done.countDown();
        }
    }

    private static void scan(SegmentSigns segment, Bits acceptDocs, SignBits query, int chunk, Shortlist into) {
        long[] signs = segment.signs();
        short[] positives = segment.positives();
        int[] docs = segment.docs();
        int words = segment.words();
        int from = chunk * CHUNK;
        int to = Math.min(segment.count(), from + CHUNK);
        for (int ord = from, at = from * words; ord < to; ord++, at += words) {
            if (acceptDocs == null || acceptDocs.get(docs[ord])) {
                into.offer(ord, query.estimate(signs, at, positives[ord]));
            }
        }
    }
}
