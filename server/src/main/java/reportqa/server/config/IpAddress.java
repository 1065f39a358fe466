package reportqa.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A literal IP address (IPv4 or IPv6) read from untrusted text: a forwarded-for header, a setting.
 * Only literals are read, never names, so reading one never asks DNS; an IPv4 address written as
 * IPv6 ({@code ::ffff:10.0.0.1}) is the IPv4 address.
 */
public final class IpAddress {

    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}" + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The address a text writes, or empty when it is not a literal address. Tolerates what proxies
     * add around one: surrounding spaces, IPv6 brackets and a port ({@code [2001:db8::1]:443},
     * {@code 10.0.0.1:5678}); an IPv6 zone ({@code %eth0}) is dropped.
     */
    public static Optional<IpAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0 || !(end == s.length() - 1 || s.charAt(end + 1) == ':')) {
                return Optional.empty();
            }
            s = s.substring(1, end);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') >= 0) {
            s = s.substring(0, s.indexOf(':')); // 10.0.0.1:5678
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !(s.indexOf(':') >= 0 && IPV6.matcher(s).matches())) {
            return Optional.empty();
        }
        // Java reads text as a literal only when it starts with a hex digit or ':'; anything else
        // (".:") would go to the resolver: a DNS lookup chosen by whoever wrote the header.
        if (s.isEmpty() || !(Character.digit(s.charAt(0), 16) >= 0 || s.charAt(0) == ':')) {
            return Optional.empty();
        }
        try {
            // A literal (checked above) is parsed, never looked up.
            byte[] b = InetAddress.getByName(s).getAddress();
            return Optional.of(new IpAddress(b));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty(); // ":::" and the like: not an address
        }
    }

    /** Whether this is an IPv6 address (not an IPv4 one written as IPv6). */
    public boolean isV6() {
        return bytes.length == 16;
    }

    /** How many bits the address has: 32 or 128. */
    public int bits() {
        return bytes.length * 8;
    }

    /** Whether the first {@code prefix} bits of this address and {@code other} are the same (and both of one family). */
    public boolean sharesPrefix(IpAddress other, int prefix) {
        if (other.bytes.length != bytes.length || prefix < 0 || prefix > bits()) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (other.bytes[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** This address with every bit after the first {@code prefix} cleared (the network it is in). */
    public IpAddress network(int prefix) {
        byte[] b = bytes.clone();
        for (int bit = Math.max(0, prefix); bit < b.length * 8; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpAddress(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && Arrays.equals(a.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The usual notation: {@code 10.0.0.1}, {@code 2001:db8:0:0:0:0:0:1}. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
