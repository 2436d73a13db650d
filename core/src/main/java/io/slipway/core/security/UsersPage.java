package io.slipway.core.security;

import io.slipway.core.ConflictException;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/** {@code /users}: administrators create users, change roles, grant project access and delete users. */
@Path("/users")
@AdminOnly
public final class UsersPage {
    private final UserService users;
    private final Authenticator authenticator;

    @Inject
    public UsersPage(UserService users, Authenticator authenticator) {
        this.users = users;
        this.authenticator = authenticator;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list() {
        return page(Map.of(), null, null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam("username") String username, @FormParam("password") String password,
                           @FormParam("role") String role) {
        try {
            User user = users.create(username, Optional.ofNullable(password).filter(p -> !p.isEmpty()),
                    Role.parse("role", role));
            return page(Map.of(), "User '" + user.username() + "' created.", null, 201);
        } catch (InvalidInputException e) {
            return page(FormFields.errors(e), null, null, 400);
        } catch (ConflictException e) {
            return page(Map.of("username", e.getMessage()), null, null, 409);
        }
    }

    @POST
    @Path("{username}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response role(@PathParam("username") String username, @FormParam("role") String role) {
        try {
            User user = users.setRole(username, Role.parse("role", role));
            authenticator.logoutEverywhere(user);
            return page(Map.of(), "'" + user.username() + "' is now " + user.role().id() + ".", null, 200);
        } catch (InvalidInputException | ConflictException e) {
            return page(Map.of(), null, e.getMessage(), e.status());
        }
    }

    @POST
    @Path("{username}/delete")
    @Produces(MediaType.TEXT_HTML)
    public Response delete(@PathParam("username") String username) {
        try {
            users.delete(username);
            return page(Map.of(), "User '" + username + "' deleted.", null, 200);
        } catch (ConflictException e) {
            return page(Map.of(), null, e.getMessage(), 409);
        }
    }

    @POST
    @Path("members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response member(@FormParam("project") String project, @FormParam("username") String username,
                           @FormParam("role") String role) {
        try {
            if ("none".equals(role)) {
                users.removeMember(project, username);
                return page(Map.of(), "'" + username + "' no longer has access to " + project + ".", null, 200);
            }
            Role r = Role.parse("role", role);
            users.putMember(project, username, r);
            return page(Map.of(), "'" + username + "' is now " + r.id() + " of " + project + ".", null, 200);
        } catch (InvalidInputException | NotFoundException e) {
            return page(Map.of(), null, e.getMessage(), e.status());
        }
    }

    private Response page(Map<String, String> errors, String notice, String problem, int status) {
        return View.of("users").with("users", users.list()).with("errors", errors).with("notice", notice)
                .with("problem", problem).status(status).response();
    }
}
