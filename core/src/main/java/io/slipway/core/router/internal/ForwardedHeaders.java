package io.slipway.core.router.internal;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The {@code X-Forwarded-For/Proto/Host} headers apps expect behind a proxy (Jetty's proxy sends
 * only RFC 7239 {@code Forwarded}). The router is the edge: For is appended to, Proto and Host are
 * set from what the router itself saw.
 */
final class ForwardedHeaders {
    static final String FOR = "X-Forwarded-For";
    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";

    private ForwardedHeaders() {
    }

    static String forValue(Request request) {
        String remote = Request.getRemoteAddr(request);
        String prior = request.getHeaders().get(FOR);
        return prior == null || prior.isBlank() ? remote : prior + ", " + remote;
    }

    static String protoValue(Request request) {
        return request.isSecure() ? "https" : "http";
    }

    static void put(Request request, HttpFields.Mutable to) {
        to.put(FOR, forValue(request));
        to.put(PROTO, protoValue(request));
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host != null) {
            to.put(HOST, host);
        }
    }
}
