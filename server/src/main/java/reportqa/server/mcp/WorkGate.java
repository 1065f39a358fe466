package reportqa.server.mcp;

import java.util.concurrent.Callable;

/**
 * Where a tool's work runs: the server's answer and search slots, so that an agent's questions wait
 * for and take the same slots as the page's and {@code /v1}'s, and a burst of them is refused rather
 * than queued without bound.
 */
public interface WorkGate {

    /**
     * Runs {@code work} once a slot is free, or throws {@link Busy} when none frees up in time.
     *
     * @throws Exception whatever {@code work} throws
     */
    <T> T call(Callable<T> work) throws Exception;

    /** No limit: the work runs at once (stdio: one agent, its user's own process). */
    WorkGate OPEN = new WorkGate() {
        @Override
        public <T> T call(Callable<T> work) throws Exception {
            return work.call();
        }
    };

    /** No slot freed up in time; the message says when to try again. */
    final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Busy(String message) {
            super(message);
        }
    }
}
