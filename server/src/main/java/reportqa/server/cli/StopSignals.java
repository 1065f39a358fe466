package reportqa.server.cli;

import java.util.List;
import sun.misc.Signal;

/**
 * Stops {@code serve} in order on SIGTERM and SIGINT, before the JVM's own shutdown begins. The JVM
 * runs its shutdown hooks all at once, and ONNX Runtime registers one that releases its native
 * environment: a hook of ours that waits for the embedding model (still loading, or embedding a
 * batch) runs beside it, and a model released under a running call aborts the JVM (exit 134, seen
 * when a stop came during start-up indexing). Here the whole stop (requests drained, index closed,
 * model closed) is done first, then the process exits with 128 + the signal's number, as the JVM's
 * default handling would; the hooks then find nothing of ours left to do.
 */
final class StopSignals {

    /** The signals that stop the server. */
    private static final List<String> STOPS = List.of("TERM", "INT");

    private StopSignals() {}

    /**
     * Handles the stop signals with {@code stop} (run once, on the signal's thread), then exits.
     * Where a signal cannot be handled (not offered by this JVM or OS), the JVM's default remains:
     * its hooks, ours among them, still stop the server.
     */
    static void install(Runnable stop) {
        for (String name : STOPS) {
            try {
                Signal.handle(new Signal(name), s -> {
                    try {
                        stop.run();
                    } finally {
                        // Whatever the stop met, the process ends, as the signal asked.
                        System.exit(128 + s.getNumber());
                    }
                });
            } catch (IllegalArgumentException e) {
                System.err.println("warning: SIG" + name + " cannot be handled here (" + e.getMessage()
                        + "); the JVM's own shutdown stops the server");
            }
        }
    }
}
