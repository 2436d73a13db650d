package io.slipway.core.webhooks;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository named the ways forges and users write it, reduced to what identifies it: the
 * host (when given) and the path without {@code .git}, lower-case. {@code https://github.com/Acme/Shop.git},
 * {@code git@github.com:acme/shop} and {@code acme/shop} all name {@code acme/shop}.
 */
public record RepositoryName(Optional<String> host, String path) {
    public RepositoryName {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
    }

    public static Optional<RepositoryName> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        Optional<String> host = Optional.empty();
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            s = s.substring(scheme + 3);
            int slash = s.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            host = Optional.of(hostOnly(s.substring(0, slash)));
            s = s.substring(slash + 1);
        } else if (s.matches("[^/@:]+@[^/:]+:.*")) { // scp-like: git@github.com:acme/shop.git
            host = Optional.of(s.substring(s.indexOf('@') + 1, s.indexOf(':')));
            s = s.substring(s.indexOf(':') + 1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        if (s.isEmpty() || !s.contains("/")) {
            return Optional.empty();
        }
        return Optional.of(new RepositoryName(host.map(h -> h.toLowerCase(Locale.ROOT)), s.toLowerCase(Locale.ROOT)));
    }

    /** Same path, and the same host when both say one. */
    public boolean sameAs(RepositoryName other) {
        return path.equals(other.path) && (host.isEmpty() || other.host.isEmpty() || host.equals(other.host));
    }

    private static String hostOnly(String authority) {
        String a = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = a.lastIndexOf(':');
        return colon > 0 && !a.endsWith("]") ? a.substring(0, colon) : a;
    }
}
