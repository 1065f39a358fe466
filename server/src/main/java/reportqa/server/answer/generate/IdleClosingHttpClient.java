package reportqa.server.answer.generate;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.time.Duration;

/**
 * LangChain4j's HTTP client with its read timeout applied to streamed replies as the name promises:
 * the JDK client it wraps applies it only until the response headers arrive, so a model that sent
 * its headers and then stalled was read for as long as it kept the connection open — one connection
 * and one blocked thread per abandoned stream, long after its answer had fallen back. Here a streamed
 * body that sends nothing for the read timeout is closed ({@link IdleClosingInputStream}).
 *
 * <p>Whole (not streamed) replies need no such help: the answer's deadline interrupts the call, and
 * the interrupted JDK client closes its connection.
 */
final class IdleClosingHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final Duration readTimeout;

    private IdleClosingHttpClient(HttpClient delegate, Duration readTimeout) {
        this.delegate = delegate;
        this.readTimeout = readTimeout;
    }

    /** A builder over the HTTP client LangChain4j would have used (the JDK's). */
    static HttpClientBuilder builder() {
        return new Builder(HttpClientBuilderLoader.loadHttpClientBuilder());
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        return delegate.execute(request);
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        ServerSentEventParser guarded = readTimeout == null
                ? parser
                : (body, events) -> parser.parse(new IdleClosingInputStream(body, readTimeout), events);
        delegate.execute(request, guarded, listener);
    }

    /** Passes the timeouts to the wrapped builder and wraps what it builds. */
    private static final class Builder implements HttpClientBuilder {

        private final HttpClientBuilder delegate;

        Builder(HttpClientBuilder delegate) {
            this.delegate = delegate;
        }

        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            delegate.connectTimeout(timeout);
            return this;
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            delegate.readTimeout(timeout);
            return this;
        }

        @Override
        public HttpClient build() {
            return new IdleClosingHttpClient(delegate.build(), delegate.readTimeout());
        }
    }
}
