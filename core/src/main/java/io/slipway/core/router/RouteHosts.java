package io.slipway.core.router;

import java.util.Locale;
import java.util.Objects;

/**
 * The host names the router answers for: {@code <app>.<base>} for production,
 * {@code <app>-<environment>.<base>} for the other environments.
 */
public final class RouteHosts {
    public static final String PRODUCTION = "production";

    private final String baseDomain;

    public RouteHosts(String baseDomain) {
        this.baseDomain = normalize(Objects.requireNonNull(baseDomain, "baseDomain"));
    }

    public String baseDomain() {
        return baseDomain;
    }

    public String hostOf(String app, String environment) {
        return PRODUCTION.equals(environment) ? app + "." + baseDomain : app + "-" + environment + "." + baseDomain;
    }

    /** Whether {@code domain} is the base domain or under it (those names belong to apps by name). */
    public boolean isUnderBaseDomain(String domain) {
        return domain.equals(baseDomain) || domain.endsWith("." + baseDomain);
    }

    /** A Host header as a route key: lower-case, without port or trailing dot; "" when absent. */
    public static String normalize(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(0, end + 1);
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0) {
                h = h.substring(0, colon);
            }
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
