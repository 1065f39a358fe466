package reportqa.server.cli;

import java.util.Locale;
import java.util.Set;

/**
 * The log level of a command. slf4j-simple reads its level once, when the first logger is made,
 * so the level is set while the command line is parsed, before any part of the system starts.
 */
final class Logging {

    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
    private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Logging() {}

    /** Every logger at {@code level} (trace, debug, info, warn, error, off). */
    static void level(String level) {
        String l = level.strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(l)) {
            throw new IllegalArgumentException(
                    "--log-level " + level + ": use one of trace, debug, info, warn, error, off");
        }
        System.setProperty(DEFAULT_LEVEL, l);
    }
}
