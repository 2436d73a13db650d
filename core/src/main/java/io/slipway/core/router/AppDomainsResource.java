package io.slipway.core.router;

import io.slipway.core.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** {@code /api/v1/apps/{app}/domains}: custom domains the app router sends to an app's production release. */
@Path("/apps/{app}/domains")
@Produces(MediaType.APPLICATION_JSON)
public final class AppDomainsResource {
    private final AppDomainService domains;

    @Inject
    public AppDomainsResource(AppDomainService domains) {
        this.domains = domains;
    }

    @GET
    @Operation(summary = "List an app's custom domains")
    public Page<AppDomain> list(@PathParam("app") String app) {
        return new Page<>(domains.list(app), Optional.empty());
    }

    @GET
    @Path("/{domain}")
    @Operation(summary = "Get one custom domain of an app")
    public AppDomain get(@PathParam("app") String app, @PathParam("domain") String domain) {
        return domains.find(app, domain);
    }

    @PUT
    @Path("/{domain}")
    @Operation(summary = "Route a custom domain to an app",
            description = "Idempotent: 201 when added, 200 when the app had it. A lower-case host name, no wildcard; "
                    + "409 when another app has it.")
    public Response put(@PathParam("app") String app, @PathParam("domain") String domain) {
        AppDomainService.Added added = domains.add(app, domain);
        return Response.status(added.created() ? 201 : 200).entity(added.domain()).build();
    }

    @DELETE
    @Path("/{domain}")
    @Operation(summary = "Remove a custom domain from an app")
    public Response delete(@PathParam("app") String app, @PathParam("domain") String domain) {
        domains.remove(app, domain);
        return Response.noContent().build();
    }
}
