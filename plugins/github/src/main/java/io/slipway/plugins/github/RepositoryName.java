package io.slipway.plugins.github;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GitHub repository's {@code owner/name}, read from what users and webhooks give: an https clone
 * URL ({@code https://github.com/acme/shop.git}), a web URL, or {@code acme/shop} itself.
 *
 * <pre>{@code
 * RepositoryName.parse("https://github.example.org/acme/shop.git").get().fullName(); // "acme/shop"
 * }</pre>
 *
 * @param owner the user or organisation
 * @param name the repository
 */
record RepositoryName(String owner, String name) {
    // GitHub's own rules: owners are alphanumerics and single hyphens, names add '.' and '_'.
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    static Optional<RepositoryName> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String path = text.strip();
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            if (slash < 0) {
                return Optional.empty();
            }
            path = path.substring(slash + 1);
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        String[] parts = path.split("/", -1);
        if (parts.length != 2 || !OWNER.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()
                || parts[1].equals(".") || parts[1].equals("..")) {
            return Optional.empty();
        }
        return Optional.of(new RepositoryName(parts[0], parts[1]));
    }

    String fullName() {
        return owner + "/" + name;
    }

    /** Whether two names are the same repository (GitHub compares them without case). */
    boolean sameAs(RepositoryName other) {
        return fullName().toLowerCase(Locale.ROOT).equals(other.fullName().toLowerCase(Locale.ROOT));
    }
}
