package reportqa.server.answer;

import dev.langchain4j.exception.HttpException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Describes why a model call failed, in words a user can act on (never with secrets). */
final class ModelFailure {

    private static final int MAX_DETAIL = 160;

    private ModelFailure() {
    }

    static String describe(Throwable t) {
        Throwable e = unwrap(t);
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpException h) {
                return "the model server answered HTTP " + h.statusCode() + detail(h.getMessage());
            }
            if (c instanceof ConnectException) {
                return "cannot connect to the model server" + detail(c.getMessage());
            }
            if (c instanceof TimeoutException || c instanceof HttpTimeoutException
                    || c.getClass().getSimpleName().contains("Timeout")) {
                return "the model did not answer in time";
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
