package reportqa.server.answer.generate;

import dev.langchain4j.exception.HttpException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Describes why a model call failed, in words a user can act on (secrets are scrubbed by the caller). */
public final class ModelFailure {

    private static final int MAX_DETAIL = 160;

    private ModelFailure() {}

    /** "the model did not answer within 5 s": what a missed deadline is called, whoever noticed it. */
    public static String timedOut(Duration budget) {
        return "the model did not answer within " + budget.toSeconds() + " s";
    }

    /**
     * @param t what the call threw
     * @param budget the answer's time budget (a client-side timeout is reported as the deadline)
     */
    public static String describe(Throwable t, Duration budget) {
        Throwable e = unwrap(t);
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpException h) {
                return "the model server answered HTTP " + h.statusCode() + detail(h.getMessage());
            }
            if (c instanceof ConnectException) {
                return "cannot connect to the model server" + detail(c.getMessage());
            }
            if (c instanceof TimeoutException
                    || c instanceof HttpTimeoutException
                    || c.getClass().getSimpleName().contains("Timeout")) {
                return timedOut(budget);
            }
        }
        return "model call failed: " + e.getClass().getSimpleName() + detail(e.getMessage());
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String detail(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String m = message.strip().replaceAll("\\s+", " ");
        return " (" + (m.length() > MAX_DETAIL ? m.substring(0, MAX_DETAIL) + "…" : m) + ")";
    }
}
