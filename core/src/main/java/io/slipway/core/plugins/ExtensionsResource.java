package io.slipway.core.plugins;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.FieldError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/extensions}: what each extension point offers, with config schemas for forms,
 * and the generic routes into extensions (plugins contribute no JAX-RS resources): validate a
 * config, test a connection.
 */
@Path("/extensions")
@Produces(MediaType.APPLICATION_JSON)
public final class ExtensionsResource {
    private final PluginService plugins;
    private final ExtensionRegistry registry;

    @Inject
    public ExtensionsResource(PluginService plugins, ExtensionRegistry registry) {
        this.plugins = plugins;
        this.registry = registry;
    }

    /** Every extension of {@code ?point=} (of all points without it). */
    @GET
    public Map<String, List<ExtensionJson>> list(@QueryParam("point") String point) {
        Optional<ExtensionPointId> p = point == null || point.isEmpty() ? Optional.empty() : Optional.of(point(point));
        return Map.of("items", plugins.extensions(p).stream().map(ExtensionJson::of).toList());
    }

    /** 200 {@code {"valid": true}}, or 400 naming each field that failed. */
    @POST
    @Path("/{point}/{id}/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Boolean> validate(@PathParam("point") String point, @PathParam("id") String id,
                                         Map<String, Object> config) {
        RegisteredExtension ext = extension(point, id);
        Config parsed = plugins.details(ext).configSchema().parse(config == null ? Map.of() : config);
        List<FieldError> errors;
        try {
            errors = plugins.invoker().call(ext, SlipwayExtension.class, e -> e.validate(parsed));
        } catch (StepFailedException e) {
            throw new ExtensionFailedException("Validating failed: " + e.getMessage(), e);
        }
        if (errors != null && !errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return Map.of("valid", true);
    }

    /** The extension's own connection test; a failure inside the plugin is a failed test, not an error. */
    @POST
    @Path("/{point}/{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConnectionCheck test(@PathParam("point") String point, @PathParam("id") String id, Map<String, Object> config) {
        return plugins.testConnection(extension(point, id), config == null ? Map.of() : config);
    }

    private RegisteredExtension extension(String point, String id) {
        ExtensionPointId p = point(point);
        return registry.find(p, id).orElseThrow(() -> new NotFoundException("Extension", p.id() + "/" + id));
    }

    private static ExtensionPointId point(String id) {
        return ExtensionPointId.fromId(id).orElseThrow(() -> InvalidInputException.field("point",
                "is not an extension point; use one of " + Arrays.stream(ExtensionPointId.values())
                        .map(ExtensionPointId::id).collect(Collectors.joining(", "))));
    }

    /** One extension in the API. */
    public record ExtensionJson(String id, String point, String plugin, String displayName, SchemaJson configSchema) {
        static ExtensionJson of(ExtensionDetails d) {
            RegisteredExtension r = d.extension();
            return new ExtensionJson(r.id(), r.point().id(), r.pluginId(), d.displayName(),
                    new SchemaJson(d.configSchema().fields().stream().map(FieldJson::of).toList()));
        }
    }

    /** A config schema in the API. */
    public record SchemaJson(List<FieldJson> fields) {
    }

    /** A config field in the API; {@code type} in lower case. */
    public record FieldJson(String name, String type, String label, boolean required,
                            @JsonProperty("default") String defaultValue, String help, String pattern,
                            List<String> choices) {
        static FieldJson of(ConfigField f) {
            return new FieldJson(f.name(), f.type().name().toLowerCase(Locale.ROOT), f.label(), f.required(),
                    f.defaultValue().orElse(null), f.help(), f.pattern().orElse(null), f.choices());
        }
    }
}
