package com.freshscale.device.ui;

import java.util.Locale;
import java.util.Set;

/**
 * The Host header values the kiosk answers to: {@code localhost}, {@code 127.0.0.1}, {@code [::1]} and the address it is
 * bound to ({@code kiosk.host}), with any port; bound to all interfaces ({@code 0.0.0.0}, {@code ::}, to be reached from the
 * store LAN), any IP address too. Every other name is refused with 403, whatever the request. This is what stops DNS
 * rebinding: a page on evil.example whose name then resolves to the scale sends {@code Host: evil.example}, and its Origin
 * matches that Host, so the Origin check alone lets it through; a name the kiosk does not know is the attacker's. An IP
 * address is no such risk: the page's origin is then the address itself (a foreign page's request carries its own Origin
 * and is refused by {@link KioskServer#sameOriginJson}). A LAN name for the kiosk (scale-3.store.lan) would need a list of
 * names in {@code kiosk}; none is kept, as the shopper's screen uses localhost and a technician the scale's address.
 */
final class KioskHosts {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final String bound;
    private final boolean allInterfaces;

    KioskHosts(String bindAddress) {
        String b = bindAddress.toLowerCase(Locale.ROOT);
        this.allInterfaces = b.equals("0.0.0.0") || b.equals("::") || b.equals("[::]");
        this.bound = b.contains(":") && !b.startsWith("[") ? "[" + b + "]" : b;
    }

    /** Whether a request with this Host header is answered (a request without one is no browser's: answered). */
    boolean allows(String hostHeader) {
        if (hostHeader == null) return true;
        String name = withoutPort(hostHeader.strip().toLowerCase(Locale.ROOT));
        if (name.endsWith(".") && !name.startsWith("[")) name = name.substring(0, name.length() - 1); // "localhost." is localhost
        if (LOOPBACK.contains(name) || name.equals(bound)) return true;
        return allInterfaces && ipLiteral(name);
    }

    /** Throws 403 for a Host the kiosk does not answer to. */
    void check(String hostHeader) {
        if (!allows(hostHeader)) {
            throw new io.javalin.http.HttpResponseException(403, "the kiosk answers only to localhost or its own address, not to Host '"
                    + hostHeader.strip() + "' (a foreign name pointing at the scale: DNS rebinding)");
        }
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** A dotted IPv4 address or a bracketed IPv6 one (RFC 3986 3.2.2): no name, so nothing DNS can point elsewhere. */
    private static boolean ipLiteral(String name) {
        if (name.startsWith("[") && name.endsWith("]")) return name.substring(1, name.length() - 1).matches("[0-9a-f:.]+");
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) return false;
        }
        return true;
    }
}
