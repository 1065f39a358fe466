package reportqa.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;

/**
 * Logback's configuration, written in Java (found through {@code META-INF/services}) instead of a
 * {@code logback.xml}: reading the XML loads an XML parser and logback's configuration model, about
 * 420 classes and 0.15 s of every start (0.30 → 0.15–0.18 s to the first logger, a fresh JVM each),
 * and the first logger is made before the embedding model starts loading.
 *
 * <p>Quiet by default: a user sees what they need (the listening address and index summary on
 * stdout, warnings such as skipped report files here on stderr); {@code -v}/{@code --verbose} or
 * {@code --log-level} shows the rest, {@code --log-format json} writes one JSON object per line for
 * log collectors. The command line sets {@link Logging}'s two system properties before the first
 * logger is made.
 *
 * <p>A user's own configuration wins: with {@code -Dlogback.configurationFile=FILE}, or a {@code
 * logback.xml} or {@code logback-test.xml} on the class path (the tests' own), this configures
 * nothing and logback reads that file as usual.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /**
     * Loggers held to a level whatever the root's: the embedding runtime probes for a GPU on every
     * start (on a machine without one that is normal); Jetty's debug lines print every request
     * header, API keys included (and its info lines tell a user nothing the listening line does not).
     * With a SolrCloud backend, SolrJ warns with a stack trace of each node it could not reach and
     * ZooKeeper's client of each second it cannot reconnect: ReportQA says the cluster cannot be
     * reached once, in its own words (and health says how it stands).
     */
    static final Map<String, Level> HELD = Map.of(
            "ai.djl.util.cuda.CudaUtils", Level.OFF,
            "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer", Level.ERROR,
            "org.eclipse.jetty", Level.WARN,
            "org.apache.solr", Level.ERROR,
            "org.apache.zookeeper", Level.ERROR);

    static final String TEXT_PATTERN = "[%level] %logger{0} - %msg%n";

    public LogConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getResource("/logback-test.xml") != null
                || LogConfigurator.class.getResource("/logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(Logging.json() ? "json" : "text");
        stderr.setTarget("System.err");
        stderr.setEncoder(Logging.json() ? json(context) : text(context));
        stderr.start();
        HELD.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(
                Level.toLevel(System.getProperty(Logging.LEVEL_PROPERTY, "warn").toUpperCase(Locale.ROOT)));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.start();
        return encoder;
    }
}
