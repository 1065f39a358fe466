package reportqa.server.cli;

import java.util.Map;
import reportqa.server.config.ConfigKey;

/** A group of flags that are settings: each flag given becomes an override of its {@link ConfigKey}. */
interface ConfigFlags {

    /** Puts the flags that were given into {@code overrides}. */
    void addTo(Map<ConfigKey, String> overrides);

    /** Puts {@code value} under {@code key} when the flag was given. */
    static void put(Map<ConfigKey, String> overrides, ConfigKey key, String value) {
        if (value != null) {
            overrides.put(key, value);
        }
    }
}
