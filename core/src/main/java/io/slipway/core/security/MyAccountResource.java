package io.slipway.core.security;

import io.slipway.core.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/users/me}: the caller's own account and API tokens. */
@Path("/users/me")
@OwnAccount
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class MyAccountResource {
    private final UserService users;

    @Inject
    public MyAccountResource(UserService users) {
        this.users = users;
    }

    /** The body of {@code POST /api/v1/users/me/tokens}; expiresAt is ISO-8601, optional. */
    public record CreateToken(String name, String scope, String expiresAt) {
    }

    @GET
    @Operation(summary = "Who am I")
    public UserJson me(@Context ContainerRequestContext request) {
        return UserJson.of(Callers.of(request).user());
    }

    @GET
    @Path("/tokens")
    @Operation(summary = "List my API tokens", description = "Never their values.")
    public Map<String, List<TokenJson>> tokens(@Context ContainerRequestContext request) {
        return Map.of("items", users.tokens(Callers.of(request).user()).stream().map(TokenJson::of).toList());
    }

    @POST
    @Path("/tokens")
    @Operation(summary = "Create an API token",
            description = "scope is read, deploy or admin (capped by your role). The answer's token field is the only time the value is shown.")
    public Response create(CreateToken body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw InvalidInputException.field("name", "is required");
        }
        TokenScope scope = TokenScope.parse("scope", body.scope() == null ? "read" : body.scope());
        Optional<Instant> expires = parseExpiry(body.expiresAt());
        NewApiToken token = users.createToken(Callers.of(request).user(), body.name(), scope, expires);
        return Response.status(201).entity(TokenJson.created(token)).build();
    }

    @DELETE
    @Path("/tokens/{id}")
    @Operation(summary = "Revoke one of my API tokens")
    public Response revoke(@PathParam("id") String id, @Context ContainerRequestContext request) {
        long tokenId;
        try {
            tokenId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new io.slipway.core.NotFoundException("token", id);
        }
        users.revokeToken(Callers.of(request).user(), tokenId);
        return Response.noContent().build();
    }

    static Optional<Instant> parseExpiry(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field("expiresAt", "must be an ISO-8601 UTC time such as 2030-01-31T00:00:00Z");
        }
    }
}
