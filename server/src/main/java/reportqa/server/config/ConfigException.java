package reportqa.server.config;

/** A setting with a bad value; the message names the setting and says what is expected. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
