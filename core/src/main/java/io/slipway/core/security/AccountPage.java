package io.slipway.core.security;

import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.pages.View;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** {@code /account}: the signed-in user's page: role and API tokens (create, shown once; revoke). */
@Path("/account")
@OwnAccount
public final class AccountPage {
    private final UserService users;

    @Inject
    public AccountPage(UserService users) {
        this.users = users;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@Context ContainerRequestContext request) {
        return page(Callers.of(request).user(), null, Map.of(), null, 200);
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam("name") String name, @FormParam("scope") String scope,
                           @FormParam("expires") String expires, @Context ContainerRequestContext request) {
        User user = Callers.of(request).user();
        try {
            NewApiToken token = users.createToken(user, name, TokenScope.parse("scope", scope), expiry(expires));
            // Rendered, not redirected: this answer is the only place the value ever appears.
            return page(user, token, Map.of(), "Token '" + token.token().name() + "' created.", 201);
        } catch (InvalidInputException e) {
            return page(user, null, FormFields.errors(e), null, 400);
        }
    }

    @POST
    @Path("tokens/{id}/revoke")
    @Produces(MediaType.TEXT_HTML)
    public Response revoke(@PathParam("id") String id, @Context ContainerRequestContext request) {
        User user = Callers.of(request).user();
        long tokenId;
        try {
            tokenId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("token", id);
        }
        ApiToken revoked = users.revokeToken(user, tokenId);
        return page(user, null, Map.of(), "Token '" + revoked.name() + "' revoked.", 200);
    }

    /** A date (the token works until that day starts, UTC) from the form's date field. */
    private static Optional<java.time.Instant> expiry(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field("expires", "must be a date such as 2030-01-31");
        }
    }

    private Response page(User user, NewApiToken created, Map<String, String> errors, String notice, int status) {
        return View.of("account").with("user", user).with("tokens", users.tokens(user))
                .with("created", created).with("errors", errors).with("notice", notice)
                .status(status).response();
    }
}
