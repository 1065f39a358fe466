package reportqa.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Literal IP addresses from untrusted text, and the trusted-proxy setting. */
class AddressesTest {

    private static IpAddress ip(String s) {
        return IpAddress.parse(s).orElseThrow(() -> new AssertionError("not read: " + s));
    }

    @Test
    void literalsAreReadWithWhatProxiesWriteAroundThem() {
        assertEquals("10.0.0.1", ip(" 10.0.0.1 ").toString());
        assertEquals("10.0.0.1", ip("10.0.0.1:5678").toString());
        assertEquals("2001:db8:0:0:0:0:0:1", ip("[2001:db8::1]:443").toString());
        assertEquals("2001:db8:0:0:0:0:0:1", ip("[2001:db8::1]").toString());
        assertEquals("fe80:0:0:0:0:0:0:1", ip("fe80::1%eth0").toString());
        // An IPv4 address written as IPv6 is the IPv4 address.
        assertFalse(ip("::ffff:10.0.0.1").isV6());
        assertEquals("10.0.0.1", ip("::ffff:10.0.0.1").toString());
        assertTrue(ip("::1").isV6());
    }

    @Test
    void namesAndGarbageAreNotAddressesAndNeverLookedUp() {
        for (String s : List.of(
                "",
                " ",
                "unknown",
                "localhost",
                "example.com",
                "1.2.3.256",
                "1.2.3",
                "01.2.3.4x",
                ":::",
                "[::1",
                "[::1]x",
                "10.0.0.1:80:80",
                "g::1",
                "_gateway",
                "1.2.3.4.5",
                "\u0000",
                "２.２.２.２",
                // What Java would have sent to the resolver (it reads a literal only from a hex digit or ':').
                ".:",
                "[.:]",
                "..::",
                ".:%x",
                ".1::")) {
            assertTrue(IpAddress.parse(s).isEmpty(), s);
        }
        assertTrue(IpAddress.parse(null).isEmpty());
    }

    @Test
    void prefixesAndNetworks() {
        IpAddress a = ip("2001:db8:1:2:aaaa::1");
        assertTrue(a.sharesPrefix(ip("2001:db8:1:2:ffff::9"), 64));
        assertFalse(a.sharesPrefix(ip("2001:db8:1:3::1"), 64));
        assertEquals("2001:db8:1:2:0:0:0:0", a.network(64).toString());
        assertTrue(ip("10.1.2.3").sharesPrefix(ip("10.200.0.1"), 8));
        assertFalse(ip("10.1.2.3").sharesPrefix(ip("11.1.2.3"), 8));
        assertFalse(ip("10.1.2.3").sharesPrefix(ip("::1"), 0), "an IPv4 address is in no IPv6 network");
        assertEquals("10.1.0.0", ip("10.1.2.3").network(16).toString());
    }

    @Test
    void trustedProxiesAreAddressesAndNetworks() {
        TrustedProxies p = TrustedProxies.parse(" 127.0.0.1, 10.0.0.0/8 ,fd00::/8,, ");
        assertTrue(p.trusts(ip("127.0.0.1")));
        assertFalse(p.trusts(ip("127.0.0.2")));
        assertTrue(p.trusts(ip("10.99.0.1")));
        assertTrue(p.trusts(ip("fd12::1")));
        assertFalse(p.trusts(ip("fe80::1")));
        assertFalse(p.trusts(ip("192.168.0.1")));
        assertTrue(TrustedProxies.parse("").isEmpty());
        assertFalse(TrustedProxies.NONE.trusts(ip("127.0.0.1")));
        assertEquals(
                "server.trustedProxies (REPORTQA_TRUSTED_PROXIES): 'proxy.example' is not an IP address or network"
                        + " (10.0.0.5, 10.0.0.0/8, fd00::/8)",
                assertThrows(ConfigException.class, () -> TrustedProxies.parse("10.0.0.1, proxy.example"))
                        .getMessage());
        assertEquals(
                "server.trustedProxies: '10.0.0.0/33' needs a prefix of 0..32 bits",
                assertThrows(ConfigException.class, () -> TrustedProxies.parse("10.0.0.0/33"))
                        .getMessage());
        assertThrows(ConfigException.class, () -> TrustedProxies.parse("fd00::/x"));
    }
}
