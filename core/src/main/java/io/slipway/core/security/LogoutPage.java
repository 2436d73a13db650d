package io.slipway.core.security;

import io.slipway.core.config.SlipwayConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code POST /logout}: ends the session (a form carrying the CSRF token, never a link) and clears the cookie. */
@Path("/logout")
@OwnAccount
public final class LogoutPage {
    private final Authenticator authenticator;
    private final SlipwayConfig config;

    @Inject
    public LogoutPage(Authenticator authenticator, SlipwayConfig config) {
        this.authenticator = authenticator;
        this.config = config;
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response logout(@CookieParam(AccessFilter.SESSION_COOKIE) String session, @Context UriInfo uri) {
        authenticator.logout(session);
        return Response.seeOther(java.net.URI.create(uri.getBaseUri().getRawPath() + "login"))
                .cookie(SessionCookies.cleared(uri, config)).build();
    }
}
