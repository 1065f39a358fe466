package reportqa.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reportqa.server.config.IpAddress;
import reportqa.server.config.TrustedProxies;

/**
 * Which client a request without a key comes from, as its rate limit counts it (issue #9, item 10).
 *
 * <ul>
 *   <li>Behind a trusted reverse proxy the connection's address is the proxy's: the client is the
 *       address the proxies say they received the request from, read from the right of
 *       {@code X-Forwarded-For} (each proxy appends the address it saw; whatever a client wrote
 *       itself stands to the left of those and is never read). An entry that is not an address
 *       stops the reading there: the client is the last proxy that could be believed.
 *   <li>An IPv6 client is its /64 network: one host is usually given a whole /64, and counting
 *       each of its 2<sup>64</sup> addresses apart would let it start afresh at will.
 * </ul>
 */
final class ClientAddress {

    /** The network an IPv6 client is counted as. */
    static final int IPV6_CLIENT_PREFIX = 64;

    private ClientAddress() {}

    /**
     * The client's name for rate limits: {@code address 10.0.0.1} or {@code network 2001:db8:1:2:0:0:0:0/64}.
     *
     * @param peer the connection's remote address
     * @param forwardedFor the {@code X-Forwarded-For} header lines, in order (none: empty)
     * @param proxies whose forwarded-for is believed
     */
    static String of(String peer, List<String> forwardedFor, TrustedProxies proxies) {
        Optional<IpAddress> client = IpAddress.parse(peer);
        if (client.isEmpty()) {
            return "address " + peer; // not an IP address (a Unix socket, a test's fake peer)
        }
        if (proxies.trusts(client.get())) {
            List<String> hops = new ArrayList<>();
            forwardedFor.forEach(line -> hops.addAll(List.of(line.split(",", -1))));
            for (int i = hops.size() - 1; i >= 0; i--) {
                Optional<IpAddress> hop = IpAddress.parse(hops.get(i));
                if (hop.isEmpty()) {
                    break;
                }
                client = hop;
                if (!proxies.trusts(hop.get())) {
                    break;
                }
            }
        }
        IpAddress a = client.get();
        return a.isV6() ? "network " + a.network(IPV6_CLIENT_PREFIX) + "/" + IPV6_CLIENT_PREFIX : "address " + a;
    }
}
