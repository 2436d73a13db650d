package io.slipway.core.router.internal;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/** Headers that belong to one connection (RFC 9110 7.6.1) and are never forwarded. */
final class HopHeaders {
    private static final EnumSet<HttpHeader> HOP = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_AUTHORIZATION, HttpHeader.PROXY_AUTHENTICATE, HttpHeader.PROXY_CONNECTION,
            HttpHeader.TRANSFER_ENCODING, HttpHeader.TE, HttpHeader.TRAILER, HttpHeader.UPGRADE);

    private HopHeaders() {
    }

    /** Hop-by-hop, or one the router sets itself (X-Forwarded-*). */
    static boolean isHopByHop(HttpField field) {
        HttpHeader h = field.getHeader();
        if (h != null) {
            return HOP.contains(h) || h == HttpHeader.X_FORWARDED_FOR || h == HttpHeader.X_FORWARDED_PROTO
                    || h == HttpHeader.X_FORWARDED_HOST;
        }
        return false;
    }

    /** Lower-case names the Connection header lists; usually none. */
    static Set<String> namedByConnection(HttpFields fields) {
        Set<String> named = Set.of();
        for (HttpField f : fields) {
            if (f.getHeader() == HttpHeader.CONNECTION) {
                for (String token : f.getValue().split(",")) {
                    String t = token.trim().toLowerCase(Locale.ROOT);
                    if (!t.isEmpty() && !t.equals("close") && !t.equals("keep-alive")) {
                        named = named.isEmpty() ? new HashSet<>() : named;
                        named.add(t);
                    }
                }
            }
        }
        return named;
    }
}
