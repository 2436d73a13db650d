package io.slipway.core.pages;

import io.slipway.core.SlipwayException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a {@link View} as HTML, adding what every page needs: the context path for links, the
 * server version, and the CSRF token every form carries in its hidden {@code _csrf} field (empty
 * until sessions exist: putting the session's token here and checking it in a filter is the one
 * change security needs).
 */
@Produces(MediaType.TEXT_HTML)
public final class ViewWriter implements MessageBodyWriter<View> {
    private final Provider<PageRenderer> renderer;
    private final UriInfo uriInfo;

    @Inject
    public ViewWriter(Provider<PageRenderer> renderer, @Context UriInfo uriInfo) {
        this.renderer = renderer;
        this.uriInfo = uriInfo;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return View.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(View view, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        Map<String, Object> model = new LinkedHashMap<>(view.model());
        model.put(PageRenderer.CONTEXT_PATH, contextPath());
        model.putIfAbsent("csrfToken", "");
        byte[] html = render(view, model).getBytes(StandardCharsets.UTF_8);
        headers.putSingle("Content-Type", View.HTML.toString());
        headers.putSingle("Cache-Control", "no-store");
        // Security headers (CSP, nosniff, framing, referrer) come from core.http.SecurityHeadersFilter, on every answer.
        out.write(html);
    }

    private String render(View view, Map<String, Object> model) {
        PageRenderer pages;
        try {
            pages = renderer.get();
        } catch (RuntimeException e) {
            // The core (and with it the renderer) is not there: starting, failed or stopping.
            // HK2 may wrap the core's ServiceUnavailableException; its message says which.
            Throwable cause = e;
            while (cause != null && !(cause instanceof SlipwayException)) {
                cause = cause.getCause();
            }
            String why = cause == null ? "Slipway is not ready; try again in a few seconds." : cause.getMessage();
            return "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Slipway</title>"
                    + "<h1>Slipway is not available</h1><p>" + escape(why) + "</p></html>";
        }
        return pages.render(view.template(), model);
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** The pages servlet is mapped at {@code /*}, so its base URI's path is the context path. */
    private String contextPath() {
        String path = uriInfo.getBaseUri().getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
