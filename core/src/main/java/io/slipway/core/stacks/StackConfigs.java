package io.slipway.core.stacks;

import io.slipway.core.InvalidInputException;
import io.slipway.core.apps.AppInput;
import io.slipway.core.apps.AppView;
import io.slipway.core.apps.ExtensionChoice;
import io.slipway.core.apps.ExtensionChoiceView;
import io.slipway.plugin.api.config.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a stack's body into its app's extension choices (the compose plugin's builder, deployer
 * and, for a pasted file, its {@code inline} source) and the app's field errors back into the
 * stack's field names.
 */
final class StackConfigs {
    static final String COMPOSE = "compose";
    static final String INLINE_SOURCE = "inline";

    private StackConfigs() {
    }

    /** The app's input for {@code body}, starting from {@code current} (a patch) or nothing (a create). */
    static AppInput input(StackBody body, Optional<AppView> current) {
        AppInput in = current.isPresent() ? AppInput.patch() : AppInput.of(body.project(), body.name());
        if (current.isPresent() && body.project() != null) {
            in = in.withProject(body.project());
        }
        Map<String, Object> builder = config(current, "builder");
        boolean builderChanged = put(builder, "content", body.compose()) | put(builder, "file", body.composePath());
        if (current.isEmpty() || builderChanged) {
            in = in.with("builder", new ExtensionChoice(COMPOSE, builder));
        }
        Map<String, Object> deployer = config(current, "deployer");
        boolean deployerChanged = put(deployer, "expose", body.expose()) | put(deployer, "mode", body.mode())
                | put(deployer, "swarmPublish", body.swarmPublish()) | put(deployer, "removeVolumes", body.removeVolumes());
        if (current.isEmpty() || deployerChanged) {
            in = in.with("deployer", new ExtensionChoice(COMPOSE, deployer));
        }
        if (body.source() != null) {
            in = in.with("source", body.source());
        } else if (current.isEmpty()) {
            in = in.with("source", new ExtensionChoice(INLINE_SOURCE, Map.of()));
        }
        if (body.health() != null) {
            in = in.with("health", body.health());
        }
        return body.env() == null ? in : in.withEnv(body.env());
    }

    /** The same builder config with the admin's allowed options set. */
    static AppInput allowing(AppView app, List<String> options) {
        Map<String, Object> builder = config(Optional.of(app), "builder");
        builder.put("allow", String.join(",", options));
        return AppInput.patch().with("builder", new ExtensionChoice(COMPOSE, builder));
    }

    /** Checks a change to a stack: it cannot blank its pasted file (without a repository) or its exposed service. */
    static void checkChange(StackBody body, boolean pasted) {
        if (pasted && body.source() == null && body.compose() != null && body.compose().isBlank()) {
            throw InvalidInputException.field("compose", "cannot be empty: paste the compose file, or give a "
                    + "'source' repository and the file's 'composePath' in it");
        }
        if (body.expose() != null && body.expose().isBlank()) {
            throw InvalidInputException.field("expose", "cannot be empty: give the service:port the router sends the "
                    + "stack's traffic to, e.g. web:80");
        }
    }

    /** Checks what the app cannot: a stack without a pasted file needs a repository to read it from. */
    static void check(StackBody body, boolean creating) {
        if (creating && isBlank(body.compose()) && body.source() == null) {
            throw InvalidInputException.field("compose", "is required: paste the compose file, or give a 'source' "
                    + "repository and the file's 'composePath' in it");
        }
        if (creating && isBlank(body.expose())) {
            throw InvalidInputException.field("expose", "is required: the service:port the router sends the "
                    + "stack's traffic to, e.g. web:80");
        }
    }

    /** The app's errors under the stack's names: {@code builder.config.content} becomes {@code compose}. */
    static InvalidInputException renamed(InvalidInputException e) {
        return new InvalidInputException(e.errors().stream().map(f -> new FieldError(rename(f.field()), f.message()))
                .toList());
    }

    private static String rename(String field) {
        return switch (field) {
            case "builder.config.content" -> "compose";
            case "builder.config.file" -> "composePath";
            case "builder.config.allow" -> "allowedOptions";
            default -> field.startsWith("deployer.config.") ? field.substring("deployer.config.".length()) : field;
        };
    }

    static Map<String, Object> config(Optional<AppView> app, String point) {
        Map<String, Object> config = new LinkedHashMap<>();
        app.flatMap(a -> a.extension(point)).map(ExtensionChoiceView::config).ifPresent(config::putAll);
        return config;
    }

    private static boolean put(Map<String, Object> config, String key, Object value) {
        if (value == null) {
            return false;
        }
        config.put(key, value);
        return true;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
