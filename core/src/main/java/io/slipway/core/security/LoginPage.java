package io.slipway.core.security;

import io.slipway.core.audit.AuditDetails;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.pages.View;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /login}: the sign-in form and its POST, which opens a session. Open to everyone. */
@Path("/login")
public final class LoginPage {
    /** Where to go after login: a path under Slipway, never another site ({@code //evil}, {@code https:}). */
    private static final Pattern SAFE_NEXT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9/._~%?=&+-]*$");

    private final Authenticator authenticator;
    private final FirstRun firstRun;
    private final SlipwayConfig config;

    @Inject
    public LoginPage(Authenticator authenticator, FirstRun firstRun, SlipwayConfig config) {
        this.authenticator = authenticator;
        this.firstRun = firstRun;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response form(@QueryParam("next") String next) {
        return page("", next, null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
                          @FormParam("next") String next, @Context HttpServletRequest http, @Context UriInfo uri,
                          @Context ContainerRequestContext request) {
        String name = username == null ? "" : username.strip();
        // For the audit log: who tried (never the password), and on success who it was.
        request.setProperty(AuditDetails.PROPERTY, Map.of("username", name));
        try {
            NewSession session = authenticator.login(name, password == null ? "" : password, http.getRemoteAddr());
            request.setProperty(RequestActor.PROPERTY, "user:" + session.user().username());
            return Response.seeOther(java.net.URI.create(uri.getBaseUri().getRawPath() + safeNext(next)))
                    .cookie(SessionCookies.open(session, uri, config)).build();
        } catch (LoginRefusedException e) {
            Response r = page(name, next, e.getMessage(), e.status());
            return Response.fromResponse(r).header("Retry-After", e.retryAfterSeconds()).build();
        } catch (UnauthenticatedException e) {
            return page(name, next, e.getMessage(), 401);
        }
    }

    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.contains("//") || next.contains("\\") || !SAFE_NEXT.matcher(next).matches()
                || next.startsWith("login") || next.startsWith("logout")) {
            return "";
        }
        return next;
    }

    private Response page(String username, String next, String problem, int status) {
        return View.of("login").with("username", username).with("next", safeNext(next)).with("problem", problem)
                .with("setupOpen", firstRun.isOpen()).status(status).response();
    }
}
