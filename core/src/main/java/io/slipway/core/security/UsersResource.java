package io.slipway.core.security;

import io.slipway.core.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/users}: administrators manage users. */
@Path("/users")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UsersResource {
    private final UserService users;
    private final Authenticator authenticator;

    @Inject
    public UsersResource(UserService users, Authenticator authenticator) {
        this.users = users;
        this.authenticator = authenticator;
    }

    /** The body of {@code POST /api/v1/users}; {@code password} may be left out for a token-only account. */
    public record CreateUser(String username, String password, String role) {
    }

    /** The body of {@code PATCH /api/v1/users/{username}}: any subset. */
    public record ChangeUser(String role, String password) {
    }

    @GET
    @Operation(summary = "List users")
    public Map<String, List<UserJson>> list() {
        return Map.of("items", users.list().stream().map(UserJson::of).toList());
    }

    @POST
    @Operation(summary = "Create a user", description = "role is viewer, member or admin.")
    public Response create(CreateUser body, @Context UriInfo uri) {
        if (body == null) {
            throw InvalidInputException.field("username", "is required");
        }
        Role role = Role.parse("role", body.role() == null ? "member" : body.role());
        User user = users.create(body.username(), Optional.ofNullable(body.password()), role);
        return Response.created(uri.getBaseUriBuilder().path("users").path(user.username()).build())
                .entity(UserJson.of(user)).build();
    }

    @GET
    @Path("/{username}")
    @Operation(summary = "Show a user")
    public UserJson get(@PathParam("username") String username) {
        return UserJson.of(users.get(username));
    }

    @PATCH
    @Path("/{username}")
    @Operation(summary = "Change a user's role or password", description = "Either change ends the user's sessions.")
    public UserJson change(@PathParam("username") String username, ChangeUser body) {
        if (body == null || (body.role() == null && body.password() == null)) {
            throw InvalidInputException.field("role", "give a role or a password to change");
        }
        if (body.role() != null) {
            users.setRole(username, Role.parse("role", body.role()));
        }
        if (body.password() != null) {
            users.setPassword(username, body.password());
        }
        User user = users.get(username);
        authenticator.logoutEverywhere(user);
        return UserJson.of(user);
    }

    @DELETE
    @Path("/{username}")
    @Operation(summary = "Delete a user", description = "Their sessions, tokens and memberships go too.")
    public Response delete(@PathParam("username") String username) {
        users.delete(username);
        return Response.noContent().build();
    }
}
