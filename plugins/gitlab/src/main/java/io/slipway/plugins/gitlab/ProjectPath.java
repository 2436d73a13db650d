package io.slipway.plugins.gitlab;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GitLab project's full path ({@code group/subgroup/project}) and the instance it lives on, read
 * from its https URL ({@code https://gitlab.example.org/group/project.git}).
 *
 * <pre>{@code
 * ProjectPath p = ProjectPath.parse("https://gitlab.com/acme/web/shop.git").get();
 * p.path();    // "acme/web/shop"
 * p.baseUrl(); // "https://gitlab.com"
 * }</pre>
 *
 * @param baseUrl scheme, host and port of the instance
 * @param path the project's path with its namespaces
 */
record ProjectPath(String baseUrl, String path) {
    // GitLab's path rules: letters, digits, '_', '-', '.'; not starting with '-' or '.'.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");

    static Optional<ProjectPath> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawPath() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String path = uri.getRawPath().replaceAll("^/+|/+$", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        String[] segments = path.split("/", -1);
        if (segments.length < 2) {
            return Optional.empty();
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches() || s.contains("..")) {
                return Optional.empty();
            }
        }
        String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return Optional.of(new ProjectPath(base, path));
    }
}
