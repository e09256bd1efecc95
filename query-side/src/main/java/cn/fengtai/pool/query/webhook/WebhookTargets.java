package cn.fengtai.pool.query.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook may point: an http or https address on the public internet. Loopback, private, link-local (the
 * cloud's metadata service among them), unique-local, any-local and multicast addresses are refused, unless
 * {@code pool.webhooks.allow-private-addresses} says otherwise; every address the name resolves to is checked, at
 * registration and again before each delivery (a name may be pointed elsewhere later).
 */
final class WebhookTargets {

    /** A webhook address that may not be used. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private WebhookTargets() {
    }

    static URI check(String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new Refused("'" + url + "' is no address");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw new Refused("a webhook is an http or https address without user or fragment");
        }
        if (url.length() > 2000) throw new Refused("the address is longer than 2,000 characters");
        if (uri.getPort() == 0 || uri.getPort() > 65535 || (uri.getPort() == -1 && uri.getRawAuthority() != null
                && uri.getRawAuthority().matches(".*:[0-9]*$") && !uri.getRawAuthority().endsWith("]"))) {
            throw new Refused("the address has no valid port");
        }
        // 0177.0.0.1 is 127.0.0.1 to some resolvers and 177.0.0.1 to others: an address that means two things is refused
        if (uri.getHost().matches("(\\d+\\.)*0\\d+(\\.\\d+)*")) throw new Refused("the host " + uri.getHost() + " is ambiguous");
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("the host " + uri.getHost() + " is not known");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (internal(address)) {
                    throw new Refused("the host " + uri.getHost() + " is on an internal address (" + address.getHostAddress()
                            + "): webhooks go to the public internet");
                }
            }
        }
        return uri;
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xFE) == 0xFC) return true; // fc00::/7, unique local
            // An IPv4 address inside an IPv6 one reaches that IPv4 address: judged as it.
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                try {
                    return internal(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int a = bytes[0] & 0xFF;
        int b = bytes[1] & 0xFF;
        int c = bytes[2] & 0xFF;
        return a == 0 || a >= 240 // this network; reserved and broadcast
                || (a == 100 && (b & 0xC0) == 64) // carrier-grade NAT
                || (a == 192 && b == 0 && (c == 0 || c == 2)) // IETF protocol assignments, TEST-NET-1
                || (a == 198 && (b & 0xFE) == 18) // benchmarking
                || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113); // TEST-NET-2 and 3
    }

    /** The IPv4 address an IPv6 one carries: IPv4-compatible (::/96), NAT64 (64:ff9b::/96), 6to4 (2002::/16). */
    private static byte[] embeddedIpv4(byte[] v6) {
        boolean zeros = true;
        for (int i = 0; i < 12; i++) zeros &= v6[i] == 0;
        boolean nat64 = (v6[0] & 0xFF) == 0x00 && (v6[1] & 0xFF) == 0x64 && (v6[2] & 0xFF) == 0xFF && (v6[3] & 0xFF) == 0x9B;
        boolean translated = true; // ::ffff:0:a.b.c.d
        for (int i = 0; i < 8; i++) translated &= v6[i] == 0;
        translated &= (v6[8] & 0xFF) == 0xFF && (v6[9] & 0xFF) == 0xFF && v6[10] == 0 && v6[11] == 0;
        if (zeros || nat64 || translated) return new byte[]{v6[12], v6[13], v6[14], v6[15]};
        if ((v6[0] & 0xFF) == 0x20 && (v6[1] & 0xFF) == 0x02) return new byte[]{v6[2], v6[3], v6[4], v6[5]};
        return null;
    }
}
