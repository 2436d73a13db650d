package io.slipway.core.router.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.http.ApiError;
import io.slipway.core.http.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The router's own answers when it cannot proxy: a small readable HTML page, or the REST API's
 * error shape for clients that accept JSON.
 */
final class RouterPages {
    private final ObjectMapper json = JsonMapper.create();

    void unknownHost(Request request, Response response, Callback callback, String host) {
        write(request, response, callback, 404, "not_found", "No app at " + host,
                "No app answers at " + host + ". Check the address, or give an app this domain "
                        + "(PUT /api/v1/apps/{app}/domains/" + host + ").", Map.of("host", host));
    }

    void noRelease(Request request, Response response, Callback callback, String app, String environment) {
        write(request, response, callback, 503, "no_active_release", "App " + app + " is not serving",
                "App '" + app + "' has no healthy release in environment '" + environment
                        + "' yet. Deploy it, or wait for its deployment to finish.",
                Map.of("app", app, "environment", environment));
    }

    void badGateway(Request request, Response response, Callback callback, String app, String environment) {
        write(request, response, callback, 502, "bad_gateway", "App " + app + " did not answer",
                "The release of app '" + app + "' in environment '" + environment
                        + "' did not answer. It may have crashed: check its deployment log, or redeploy it.",
                Map.of("app", app, "environment", environment));
    }

    private void write(Request request, Response response, Callback callback, int status, String code, String title,
                       String message, Map<String, Object> details) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        boolean wantsJson = accept != null && accept.contains("application/json");
        byte[] body;
        String type;
        if (wantsJson) {
            try {
                body = json.writeValueAsBytes(ApiError.of(code, message, details));
            } catch (JsonProcessingException e) {
                callback.failed(e);
                return;
            }
            type = "application/json";
        } else {
            body = html(status, title, message).getBytes(StandardCharsets.UTF_8);
            type = "text/html;charset=utf-8";
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String html(int status, String title, String message) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " " + escape(title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;"
                + "color:#222}h1{font-size:1.4rem}p{line-height:1.5}small{color:#777}</style></head><body><h1>"
                + escape(title) + "</h1><p>" + escape(message) + "</p><p><small>" + status
                + " &middot; Slipway app router</small></p></body></html>\n";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
