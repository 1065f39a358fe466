package reportqa.server.cli;

import java.util.Map;
import picocli.CommandLine.Option;
import reportqa.server.config.ConfigKey;

/** Where {@code serve} listens. */
final class ServerOptions implements ConfigFlags {

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port; 0 = any free port (default: 7070).")
    String port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: 127.0.0.1).")
    String host;

    @Override
    public void addTo(Map<ConfigKey, String> o) {
        ConfigFlags.put(o, ConfigKey.PORT, port);
        ConfigFlags.put(o, ConfigKey.HOST, host);
    }
}
