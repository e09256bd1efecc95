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
        if (address instanceof Inet6Address) return (bytes[0] & 0xFE) == 0xFC; // fc00::/7, unique local
        // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8
        return (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64 || bytes[0] == 0;
    }
}
