package io.slipway.core.security;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /setup?token=...}: creates the first administrator, with the one-time token the server
 * logged at start. Open to everyone, useless without the token, closed for good once done.
 */
@Path("/setup")
public final class SetupPage {
    private final FirstRun firstRun;
    private final Authenticator authenticator;
    private final SlipwayConfig config;

    @Inject
    public SetupPage(FirstRun firstRun, Authenticator authenticator, SlipwayConfig config) {
        this.firstRun = firstRun;
        this.authenticator = authenticator;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response form(@QueryParam("token") String token) {
        if (!firstRun.isOpen() || !firstRun.accepts(token)) {
            return closed();
        }
        return page(token, FirstRun.ADMIN, Map.of(), 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam("token") String token, @FormParam("username") String username,
                           @FormParam("password") String password, @FormParam("confirm") String confirm,
                           @Context HttpServletRequest http, @Context UriInfo uri) {
        if (!firstRun.isOpen() || !firstRun.accepts(token)) {
            return closed();
        }
        String name = username == null ? "" : username.strip();
        if (!Objects.equals(password, confirm)) {
            return page(token, name, Map.of("confirm", "does not match the password"), 400);
        }
        try {
            User admin = firstRun.complete(token, name, password);
            NewSession session = authenticator.login(admin.username(), password, http.getRemoteAddr());
            return Response.seeOther(java.net.URI.create(uri.getBaseUri().getRawPath()))
                    .cookie(SessionCookies.open(session, uri, config)).build();
        } catch (InvalidInputException e) {
            return page(token, name, FormFields.errors(e), 400);
        } catch (ConflictException e) {
            return page(token, name, Map.of("username", e.getMessage()), 409);
        }
    }

    private static Response page(String token, String username, Map<String, String> errors, int status) {
        return View.of("setup").with("token", token).with("username", username).with("errors", errors)
                .with("minPassword", UserService.MIN_PASSWORD).status(status).response();
    }

    private static Response closed() {
        return View.of("error").status(404).with("title", "No setup here")
                .with("message", "This setup link is not valid (any more). Setup is done once; log in instead, "
                        + "or use the newest link from the server log.").response();
    }
}
