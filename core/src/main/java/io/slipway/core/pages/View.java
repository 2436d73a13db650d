package io.slipway.core.pages;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A page to render: a template under {@code templates/}, its model and the status to answer
 * with. Page resources return one; {@link ViewWriter} renders it.
 *
 * <pre>{@code
 * return View.of("project-new").with("errors", errors).status(400).response();
 * }</pre>
 */
public final class View {
    public static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    private final String template;
    private final Map<String, Object> model = new LinkedHashMap<>();
    private int status = 200;

    private View(String template) {
        this.template = Objects.requireNonNull(template, "template");
    }

    public static View of(String template) {
        return new View(template);
    }

    public View with(String key, Object value) {
        model.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    public View status(int newStatus) {
        this.status = newStatus;
        return this;
    }

    public String template() {
        return template;
    }

    public Map<String, Object> model() {
        return Collections.unmodifiableMap(model);
    }

    public int status() {
        return status;
    }

    /**
     * 303 See Other, the answer to a form POST that worked. {@code path} is relative to the pages'
     * root, without a leading slash ({@code "apps/web"}), so it stays right under a context path.
     */
    public static Response redirect(String path) {
        return Response.seeOther(java.net.URI.create(path.isEmpty() ? "./" : path)).build();
    }

    public Response response() {
        return Response.status(status).type(HTML).entity(this).build();
    }
}
