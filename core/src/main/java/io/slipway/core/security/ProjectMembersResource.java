package io.slipway.core.security;

import io.slipway.core.InvalidInputException;
import io.slipway.core.security.internal.MemberStore;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/projects/{project}/members}: who may see (viewer) or change (member) a project. */
@Path("/projects/{project}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProjectMembersResource {
    private final UserService users;

    @Inject
    public ProjectMembersResource(UserService users) {
        this.users = users;
    }

    /** The body of {@code PUT .../members/{username}}. */
    public record Membership(String role) {
    }

    /** A member as listed. */
    public record MemberJson(String username, String role) {
        static MemberJson of(MemberStore.Member m) {
            return new MemberJson(m.username(), m.role().id());
        }
    }

    @GET
    @Operation(summary = "List a project's members")
    public Map<String, List<MemberJson>> list(@PathParam("project") String project) {
        return Map.of("items", users.members(project).stream().map(MemberJson::of).toList());
    }

    @PUT
    @Path("/{username}")
    @AdminOnly
    @Operation(summary = "Add a member or change their role", description = "role is member or viewer.")
    public MemberJson put(@PathParam("project") String project, @PathParam("username") String username, Membership body) {
        if (body == null) {
            throw InvalidInputException.field("role", "is required");
        }
        Role role = Role.parse("role", body.role());
        users.putMember(project, username, role);
        return new MemberJson(username, role.id());
    }

    @DELETE
    @Path("/{username}")
    @AdminOnly
    @Operation(summary = "Remove a member")
    public Response remove(@PathParam("project") String project, @PathParam("username") String username) {
        users.removeMember(project, username);
        return Response.noContent().build();
    }
}
