package io.slipway.core.pages.internal;

import io.slipway.core.apps.AppExtensionPoints;
import io.slipway.core.apps.AppInput;
import io.slipway.core.apps.AppView;
import io.slipway.core.apps.ExtensionChoice;
import io.slipway.core.apps.ExtensionChoiceView;
import io.slipway.core.plugins.ExtensionDetails;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.PluginService;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app settings form, built from the schemas of the extensions chosen for each point: from the
 * stored app, or from a submitted form (to re-render it with the user's input, never a secret),
 * and back into an {@link AppInput}.
 */
public final class SettingsForm {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsForm.class);
    private static final Map<ExtensionPointId, String> HINTS = Map.of(
            ExtensionPointId.SOURCE, "Where the code comes from.",
            ExtensionPointId.BUILDER, "How the source becomes a runnable image.",
            ExtensionPointId.DEPLOYER, "Where and how the image runs.",
            ExtensionPointId.HEALTH, "How Slipway knows a new release is ready for traffic.");

    private final ExtensionRegistry registry;
    private final PluginService plugins;

    public SettingsForm(ExtensionRegistry registry, PluginService plugins) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.plugins = Objects.requireNonNull(plugins, "plugins");
    }

    /** The form as stored. */
    public List<PointForm> fromApp(AppView app) {
        List<PointForm> out = new ArrayList<>();
        for (ExtensionPointId p : AppExtensionPoints.SINGLE) {
            Optional<ExtensionChoiceView> stored = app.extension(p.id());
            out.add(stored.map(s -> point(p, s.type(), storedValues(s), Map.of()))
                    .orElseGet(() -> point(p, "", defaults(), Map.of())));
        }
        return out;
    }

    /**
     * The form as submitted, with {@code errors} next to their fields. A point whose type was
     * changed shows the new type's stored values (when it is the stored type) or its defaults.
     */
    public List<PointForm> fromInput(AppView app, FormInput form, Map<String, String> errors) {
        List<PointForm> out = new ArrayList<>();
        for (ExtensionPointId p : AppExtensionPoints.SINGLE) {
            String type = form.text(p.id() + ".type").orElse("");
            Optional<ExtensionChoiceView> stored = app.extension(p.id()).filter(s -> s.type().equals(type));
            Values values;
            if (type.equals(form.text(p.id() + ".shown").orElse(""))) {
                String prefix = p.id() + ".config.";
                Set<String> keep = stored.map(ExtensionChoiceView::secretsSet).orElse(Set.of());
                values = new Values(f -> form.get(prefix + f.name()), f -> form.checked(prefix + f.name()), keep);
            } else {
                values = stored.map(SettingsForm::storedValues).orElseGet(SettingsForm::defaults);
            }
            out.add(point(p, type, values, errors));
        }
        return out;
    }

    /** Whether some point's type differs from the one whose fields the form showed. */
    public static boolean typeChanged(FormInput form) {
        return AppExtensionPoints.SINGLE.stream().anyMatch(p ->
                !form.text(p.id() + ".type").orElse("").equals(form.text(p.id() + ".shown").orElse("")));
    }

    /**
     * The choices the form sends. Empty inputs are left out: a secret left empty keeps its stored
     * value; a checkbox is always sent, since an unticked one is not in the form at all.
     */
    public AppInput toInput(FormInput form) {
        AppInput input = AppInput.patch();
        for (ExtensionPointId p : AppExtensionPoints.SINGLE) {
            Optional<String> type = form.text(p.id() + ".type");
            if (type.isEmpty()) {
                continue;
            }
            String prefix = p.id() + ".config.";
            Map<String, Object> config = new LinkedHashMap<>();
            for (ConfigField f : schema(p, type.get()).map(ConfigSchema::fields).orElse(List.of())) {
                if (f.type() == FieldType.BOOLEAN) {
                    config.put(f.name(), form.checked(prefix + f.name()));
                } else {
                    form.get(prefix + f.name()).filter(v -> !v.isEmpty()).ifPresent(v -> config.put(f.name(), v));
                }
            }
            input = input.with(p.id(), new ExtensionChoice(type.get(), config));
        }
        return input;
    }

    /** Errors no rendered field shows ({@code name}, {@code project}, {@code builder.config}...). */
    public static List<String> unshown(List<PointForm> points, Map<String, String> errors) {
        Set<String> shown = new java.util.HashSet<>();
        points.forEach(p -> {
            shown.add(p.typeField());
            p.fields().forEach(f -> shown.add(f.name()));
        });
        List<String> out = new ArrayList<>();
        errors.forEach((k, v) -> {
            if (!shown.contains(k)) {
                out.add(k + " " + v);
            }
        });
        return out;
    }

    /** Where a field's value comes from. */
    private record Values(Function<ConfigField, Optional<String>> text, Function<ConfigField, Boolean> checked,
                          Set<String> secretsSet) {
    }

    private static Values storedValues(ExtensionChoiceView s) {
        return new Values(f -> Optional.ofNullable(s.config().get(f.name())).map(SettingsForm::shown)
                .or(f::defaultValue),
                f -> Optional.ofNullable(s.config().get(f.name())).map(v -> Boolean.TRUE.equals(v) || "true".equals(v))
                        .orElse(f.defaultValue().map("true"::equals).orElse(false)),
                s.secretsSet());
    }

    private static Values defaults() {
        return new Values(ConfigField::defaultValue, f -> f.defaultValue().map("true"::equals).orElse(false), Set.of());
    }

    private PointForm point(ExtensionPointId p, String type, Values values, Map<String, String> errors) {
        List<RegisteredExtension> available = registry.list(p);
        List<PointForm.Option> options = new ArrayList<>();
        for (RegisteredExtension e : available) {
            String shown = details(e).map(ExtensionDetails::displayName).orElse(e.id());
            options.add(new PointForm.Option(e.id(), shown, e.id().equals(type)));
        }
        String problem = "";
        List<ConfigFieldView> fields = List.of();
        if (!type.isEmpty()) {
            Optional<RegisteredExtension> chosen = registry.find(p, type);
            if (chosen.isEmpty()) {
                options.add(0, new PointForm.Option(type, type + " (not available)", true));
                problem = "The " + p.id() + " '" + type + "' is not installed or its plugin is disabled."
                        + " Enable the plugin on the Plugins page, or choose another.";
            } else {
                Optional<ConfigSchema> schema = schema(p, type);
                if (schema.isEmpty()) {
                    problem = "The settings of '" + type + "' could not be read; the server log says why.";
                } else {
                    fields = schema.get().fields().stream().map(f -> field(p, f, values, errors)).toList();
                }
            }
        }
        return new PointForm(p.id(), title(p), HINTS.getOrDefault(p, ""), options, type, fields,
                errors.getOrDefault(p.id() + ".type", ""), problem);
    }

    private static ConfigFieldView field(ExtensionPointId p, ConfigField f, Values values, Map<String, String> errors) {
        String name = p.id() + ".config." + f.name();
        boolean secret = f.isSecret();
        String value = secret ? "" : values.text().apply(f).orElse("");
        return new ConfigFieldView(name, "f-" + name.replaceAll("[^A-Za-z0-9_-]", "-"), f.label(),
                f.type().name().toLowerCase(Locale.ROOT), f.required(), f.help(), f.pattern().orElse(""), value,
                f.type() == FieldType.BOOLEAN && values.checked().apply(f), secret && values.secretsSet().contains(f.name()),
                f.choices(), errors.getOrDefault(name, ""));
    }

    private Optional<ConfigSchema> schema(ExtensionPointId p, String type) {
        return registry.find(p, type).flatMap(this::details).map(ExtensionDetails::configSchema);
    }

    /** Name and schema as the plugin system read them (a failing plugin is logged and left out). */
    private Optional<ExtensionDetails> details(RegisteredExtension e) {
        try {
            return Optional.of(plugins.details(e));
        } catch (RuntimeException ex) {
            LOG.warn("The {} '{}' of plugin {} gave no name or settings: {}", e.point().id(), e.id(), e.pluginId(),
                    ex.getMessage());
            return Optional.empty();
        }
    }

    private static String title(ExtensionPointId p) {
        return switch (p) {
            case BUILDER -> "Build";
            case DEPLOYER -> "Run";
            case HEALTH -> "Health check";
            default -> Character.toUpperCase(p.id().charAt(0)) + p.id().substring(1);
        };
    }

    /** 8080 rather than 8080.0 for whole numbers. */
    private static String shown(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }
}
