package io.slipway.core.pages;

import io.slipway.core.SlipwayException;
import io.slipway.core.pages.internal.Notice;
import io.slipway.core.pages.internal.PluginCard;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.PluginService;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.config.InvalidConfigException;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * {@code /plugins}: what is installed and what each contributes; uploading a JAR, enabling,
 * disabling and uninstalling. A refused change re-renders the page with the reason at the top.
 */
@io.slipway.core.security.AdminOnly
@Path("/plugins")
@Produces(MediaType.TEXT_HTML)
public final class PluginPages {
    private final PluginService plugins;
    private final ExtensionRegistry registry;

    @Inject
    public PluginPages(PluginService plugins, ExtensionRegistry registry) {
        this.plugins = plugins;
        this.registry = registry;
    }

    @GET
    public Response list(@QueryParam("done") String done, @QueryParam("name") String name) {
        return page(Notice.of(done, name).orElse(null), null, 200).response();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@FormDataParam("file") InputStream jar,
                           @FormDataParam("file") FormDataContentDisposition file,
                           @FormDataParam("force") String force,
                           @jakarta.ws.rs.core.Context jakarta.ws.rs.container.ContainerRequestContext request) {
        if (jar == null || file == null || file.getFileName() == null || file.getFileName().isBlank()) {
            return page(null, "Choose a plugin JAR file to upload.", 400).response();
        }
        try {
            io.slipway.core.plugins.PluginInfo installed = plugins.install(jar, "true".equals(force));
            // The audit record of this upload keeps the JAR's sha256 (the redirect carries no entity).
            request.setProperty(io.slipway.core.audit.AuditDetails.PROPERTY, installed.auditDetails());
            String id = installed.id();
            return View.redirect("plugins" + Notice.query("plugin-installed", id));
        } catch (SlipwayException e) {
            return refused(file.getFileName(), e);
        }
    }

    /** Runs each extension's own connection test with its defaults: the Docker engine's version, say. */
    @POST
    @Path("{id}/check")
    public Response check(@PathParam("id") String id) {
        List<String> results = new ArrayList<>();
        for (RegisteredExtension ext : registry.ofPlugin(id)) {
            String name = ext.point().id() + " " + ext.id() + ": ";
            try {
                ConnectionCheck c = plugins.testConnection(ext, Map.of());
                if (c.supported()) {
                    results.add(name + (c.ok() ? "OK, " : "FAILED, ") + c.message());
                }
            } catch (InvalidConfigException e) {
                results.add(name + "needs an app's settings to test (" + e.getMessage() + ")");
            }
        }
        if (results.isEmpty()) {
            results.add("Nothing to check: no extension of this plugin has a connection test.");
        }
        return page(null, null, 200).with("checks", Map.of(id, results)).response();
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@PathParam("id") String id) {
        return change(id, "plugin-enabled", plugins::enable);
    }

    @POST
    @Path("{id}/disable")
    public Response disable(@PathParam("id") String id) {
        return change(id, "plugin-disabled", plugins::disable);
    }

    @POST
    @Path("{id}/uninstall")
    public Response uninstall(@PathParam("id") String id) {
        return change(id, "plugin-uninstalled", plugins::uninstall);
    }

    private Response change(String id, String done, Consumer<String> action) {
        try {
            action.accept(id);
        } catch (SlipwayException e) {
            return refused(id, e);
        }
        return View.redirect("plugins" + Notice.query(done, id));
    }

    private Response refused(String what, SlipwayException e) {
        return page(null, what + ": " + e.getMessage(), e.status()).response();
    }

    private View page(String notice, String problem, int status) {
        return View.of("plugins")
                .with("plugins", plugins.list().stream().map(PluginCard::of).toList())
                .with("notice", notice)
                .with("problem", problem)
                .with("checks", Map.of())
                .status(status);
    }
}
