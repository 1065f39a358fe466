package reportqa.server.cli;

import java.util.Locale;

/**
 * The log level and format of a command. Logback is configured once ({@link LogConfigurator}),
 * when the first logger is made, and takes both from system properties; so they are set
 * while the command line is parsed, before any part of the system starts.
 */
final class Logging {

    /** How much is logged. */
    enum Level {
        TRACE,
        DEBUG,
        INFO,
        WARN,
        ERROR,
        OFF
    }

    /** How log lines look: {@code text} for people, {@code json} (one object per line) for log collectors. */
    enum Format {
        TEXT,
        JSON
    }

    /** Read by {@link LogConfigurator}: the root level. */
    static final String LEVEL_PROPERTY = "reportqa.log.level";

    /** Read by {@link LogConfigurator}: the format, {@code text} or {@code json}. */
    static final String FORMAT_PROPERTY = "reportqa.log.format";

    private Logging() {}

    static void level(Level level) {
        System.setProperty(LEVEL_PROPERTY, level.name().toLowerCase(Locale.ROOT));
    }

    static void format(Format format) {
        System.setProperty(FORMAT_PROPERTY, format.name().toLowerCase(Locale.ROOT));
    }

    /** Whether log lines are JSON (then nothing else may be written to stderr line by line). */
    static boolean json() {
        return "json".equals(System.getProperty(FORMAT_PROPERTY));
    }
}
