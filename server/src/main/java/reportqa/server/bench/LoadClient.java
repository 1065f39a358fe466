package reportqa.server.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What loads a server over loopback for the benchmark: closed-loop connections, each sending its
 * next request as soon as the previous one is answered, cycling through the requests given.
 *
 * <p>Two are real: wrk ({@link WrkLoad}, Debian's package), which costs the two cores it shares with
 * the server about 0.1 ms of CPU a request, and the Java client ({@link HttpLoad}), which needs no
 * installed tool but costs about 2 ms a request — on two cores as much as a third of what the server
 * itself spends on an answer, so that it measures the client as much as the server.
 */
public interface LoadClient {

    /** How the results name this client. */
    String name();

    /**
     * Loads for {@code warmup} unmeasured, then for {@code duration} measured; files it needs go
     * under {@code work} and are removed.
     */
    HttpLoad.Result run(
            String name,
            List<HttpLoad.Request> requests,
            int connections,
            Duration warmup,
            Duration duration,
            Path work)
            throws IOException, InterruptedException;

    /** Which client a run asks for. */
    enum Choice {
        /** wrk when it is on the path, else the Java client. */
        AUTO,
        WRK,
        JAVA
    }

    /**
     * The client {@code choice} names; {@code classPath} is the Java client's (the jar the suite
     * runs from).
     *
     * @throws IllegalStateException when wrk is asked for and not on the path
     */
    static LoadClient of(Choice choice, String classPath) {
        if (choice == Choice.JAVA) {
            return new HttpLoad.InProcess(classPath);
        }
        Optional<WrkLoad> wrk = WrkLoad.onPath();
        if (wrk.isPresent()) {
            return wrk.get();
        }
        if (choice == Choice.WRK) {
            throw new IllegalStateException("wrk is not on the PATH (Debian: apt-get install wrk)");
        }
        return new HttpLoad.InProcess(classPath);
    }
}
