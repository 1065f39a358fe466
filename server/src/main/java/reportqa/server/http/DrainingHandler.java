package reportqa.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of every request: counts the requests in flight (a stream is in flight until its last
 * event is written), and once {@link #drain(Duration)} has begun turns new ones away at once with
 * a 503 {@code shutting_down} JSON error and {@code Retry-After}, while those in flight finish.
 *
 * <p>Not Jetty's {@code GracefulHandler}: the Jetty this Javalin ships (12.1.12) has no hook to
 * word its refusal, which would be a bare 503 without {@code Retry-After}. The listening socket
 * stays open while draining, so a client arriving then is told to come back rather than refused a
 * connection.
 */
final class DrainingHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(DrainingHandler.class);

    /** A restarted server is usually back within this; a load balancer retries elsewhere sooner. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final byte[] refusal;
    private final byte[] openAiRefusal;
    private final AtomicLong inFlight = new AtomicLong();
    private final Object idle = new Object();
    private volatile boolean draining;

    private static final String SHUTTING_DOWN = "the server is shutting down; try again in a moment";

    DrainingHandler(ObjectMapper json) {
        try {
            this.refusal = json.writeValueAsBytes(ErrorMapping.body("/", ErrorCode.SHUTTING_DOWN, SHUTTING_DOWN));
            this.openAiRefusal = json.writeValueAsBytes(
                    ErrorMapping.body(ErrorMapping.OPENAI_PREFIX, ErrorCode.SHUTTING_DOWN, SHUTTING_DOWN));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the shutdown refusal cannot be written as JSON", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        // Counted before the check: a drain that has not seen this request yet waits for it, one
        // that has begun sees it refused; nothing slips between the two.
        inFlight.incrementAndGet();
        if (draining) {
            finished();
            refuse(request, response, callback);
            return true;
        }
        boolean handled;
        try {
            handled = super.handle(request, response, Callback.from(callback, this::finished));
        } catch (Throwable t) {
            finished();
            throw t;
        }
        if (!handled) {
            finished();
        }
        return handled;
    }

    private void refuse(Request request, Response response, Callback callback) {
        response.setStatus(ErrorCode.SHUTTING_DOWN.status());
        ApiServer.SECURITY_HEADERS.forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        boolean openAi = ErrorMapping.isOpenAi(Request.getPathInContext(request));
        response.write(true, ByteBuffer.wrap(openAi ? openAiRefusal : refusal), callback);
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Requests being worked on now. */
    long inFlight() {
        return inFlight.get();
    }

    /** Whether new requests are being turned away. */
    boolean draining() {
        return draining;
    }

    /** Turns new requests away from now on (what {@link #drain} begins with), without waiting. */
    void refuseNew() {
        draining = true;
    }

    /**
     * Turns new requests away from now on and waits up to {@code grace} for those in flight.
     *
     * @return whether every request in flight finished within {@code grace}
     */
    boolean drain(Duration grace) {
        long t0 = System.nanoTime();
        long deadline = t0 + grace.toNanos();
        draining = true;
        long waitedFor = inFlight.get();
        synchronized (idle) {
            try {
                for (long left = deadline - System.nanoTime();
                        inFlight.get() > 0 && left > 0;
                        left = deadline - System.nanoTime()) {
                    idle.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("interrupted while waiting for {} request(s) in flight; stopping now", inFlight.get());
                return false;
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (inFlight.get() > 0) {
            LOG.warn(
                    "{} request(s) still running after the {} ms shutdown grace period; they are cut off",
                    inFlight.get(),
                    grace.toMillis());
            return false;
        }
        LOG.info("stopping: {} request(s) in flight finished within {} ms", waitedFor, millis);
        return true;
    }
}
