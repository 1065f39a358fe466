package reportqa.server.answer.generate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reportqa.retrieval.concurrent.DaemonThreads;

/**
 * A streamed model reply that closes itself when nothing arrives for a while. Closing the body of
 * the JDK's HTTP client unblocks the thread reading it and closes the connection, so a model that
 * sends its headers and then goes quiet holds neither for longer than the limit.
 */
final class IdleClosingInputStream extends FilterInputStream {

    private static final ScheduledExecutorService TIMERS =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("llm-read-timeout"));

    private final Duration limit;
    private ScheduledFuture<?> pending;
    private boolean closed;
    private volatile boolean expired;

    IdleClosingInputStream(InputStream in, Duration limit) {
        super(in);
        this.limit = limit;
        rearm(); // the first byte is awaited too: headers alone are not activity enough
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            rearm();
            return b;
        } catch (IOException e) {
            throw explained(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            rearm();
            return n;
        } catch (IOException e) {
            throw explained(e);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            closed = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }
        super.close();
    }

    /** Something arrived (or the stream opened): another {@code limit} to send more. */
    private synchronized void rearm() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!closed) {
            pending = TIMERS.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void expire() {
        expired = true;
        try {
            close();
        } catch (IOException e) {
            // Closing a body whose connection is already broken: nothing more to release.
        }
    }

    /** The read that failed because the limit closed the stream says so, instead of "closed". */
    private IOException explained(IOException e) {
        if (!expired) {
            return e;
        }
        SocketTimeoutException timeout = new SocketTimeoutException(
                "nothing from the model for " + limit.toMillis() + " ms; the connection was closed");
        timeout.initCause(e);
        return timeout;
    }
}
