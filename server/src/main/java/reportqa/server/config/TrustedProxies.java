package reportqa.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code X-Forwarded-For} header is believed ({@code server.trustedProxies}):
 * addresses and networks ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code fd00::/8}). None by default,
 * since a client can write any {@code X-Forwarded-For} it likes: believed from anyone, it would let
 * each request pick the address its rate limit is counted against.
 */
public final class TrustedProxies {

    /** No proxy is trusted: every client is its connection's address. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private record Network(IpAddress address, int prefix) {}

    private final List<Network> networks;
    private final String written;

    private TrustedProxies(List<Network> networks, String written) {
        this.networks = List.copyOf(networks);
        this.written = written;
    }

    /** The proxies of a comma-separated list; a message naming the entry for one that is not an address or network. */
    public static TrustedProxies parse(String commaSeparated) {
        List<Network> out = new ArrayList<>();
        for (String entry : commaSeparated.split(",", -1)) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            Optional<IpAddress> a = IpAddress.parse(slash < 0 ? e : e.substring(0, slash));
            if (a.isEmpty()) {
                throw new ConfigException(ConfigKey.TRUSTED_PROXIES.key() + " (" + ConfigKey.TRUSTED_PROXIES.env()
                        + "): '" + e + "' is not an IP address or network (10.0.0.5, 10.0.0.0/8, fd00::/8)");
            }
            int prefix = a.get().bits();
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1).strip());
                } catch (NumberFormatException x) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > a.get().bits()) {
                    throw new ConfigException(ConfigKey.TRUSTED_PROXIES.key() + ": '" + e + "' needs a prefix of 0.."
                            + a.get().bits() + " bits");
                }
            }
            out.add(new Network(a.get(), prefix));
        }
        return out.isEmpty() ? NONE : new TrustedProxies(out, commaSeparated.strip());
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether an address is one of the trusted proxies. */
    public boolean trusts(IpAddress address) {
        return networks.stream().anyMatch(n -> n.address().sharesPrefix(address, n.prefix()));
    }

    @Override
    public String toString() {
        return networks.isEmpty() ? "(none)" : written;
    }
}
