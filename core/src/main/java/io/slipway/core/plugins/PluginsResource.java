package io.slipway.core.plugins;

import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * {@code /api/v1/plugins}: list, install or upgrade (multipart field {@code file} = the JAR),
 * enable, disable and uninstall plugins while the server runs.
 */
@io.slipway.core.security.AdminOnly
@Path("/plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginsResource {
    private final PluginService plugins;

    @Inject
    public PluginsResource(PluginService plugins) {
        this.plugins = plugins;
    }

    @GET
    public Map<String, List<PluginInfo>> list() {
        return Map.of("items", plugins.list());
    }

    @GET
    @Path("/{id}")
    public PluginInfo get(@PathParam("id") String id) {
        return plugins.find(id).orElseThrow(() -> new NotFoundException("Plugin", id));
    }

    /** Installs a new plugin or upgrades an installed one; {@code ?force=true} allows a downgrade. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response install(@FormDataParam("file") InputStream file, @QueryParam("force") boolean force,
                            @Context UriInfo uri) {
        if (file == null) {
            throw InvalidInputException.field("file", "is required: send the plugin JAR as the multipart form field 'file'");
        }
        PluginInfo installed = plugins.install(file, force);
        return Response.created(uri.getAbsolutePathBuilder().path(installed.id()).build()).entity(installed).build();
    }

    @POST
    @Path("/{id}/enable")
    public PluginInfo enable(@PathParam("id") String id) {
        return plugins.enable(id);
    }

    @POST
    @Path("/{id}/disable")
    public PluginInfo disable(@PathParam("id") String id) {
        return plugins.disable(id);
    }

    @DELETE
    @Path("/{id}")
    public Response uninstall(@PathParam("id") String id) {
        plugins.uninstall(id);
        return Response.noContent().build();
    }
}
