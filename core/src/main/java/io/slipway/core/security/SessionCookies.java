package io.slipway.core.security;

import io.slipway.core.config.SlipwayConfig;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (other sites' forms do not
 * send it), Secure when the request came over https or Slipway's public URL is https, scoped to
 * Slipway's context path.
 */
final class SessionCookies {
    private SessionCookies() {
    }

    static NewCookie open(NewSession session, UriInfo uri, SlipwayConfig config) {
        return builder(session.cookieValue(), uri, config).maxAge((int) session.lifetime().toSeconds()).build();
    }

    static NewCookie cleared(UriInfo uri, SlipwayConfig config) {
        return builder("", uri, config).maxAge(0).build();
    }

    private static NewCookie.Builder builder(String value, UriInfo uri, SlipwayConfig config) {
        boolean secure = "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
                || config.publicUrl().toLowerCase(java.util.Locale.ROOT).startsWith("https:");
        return new NewCookie.Builder(AccessFilter.SESSION_COOKIE)
                .value(value)
                .path(uri.getBaseUri().getRawPath())
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX);
    }
}
