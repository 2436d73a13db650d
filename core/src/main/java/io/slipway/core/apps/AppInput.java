package io.slipway.core.apps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user gives to create an app, or to change one (then every part is optional: what is
 * absent stays as it is).
 *
 * <pre>{@code
 * apps.create(AppInput.of("shop", "web")
 *         .with("builder", ExtensionChoice.of("dockerfile", Map.of("dockerfile", "Dockerfile")))
 *         .withEnv(Map.of("LOG_LEVEL", "info")));
 * apps.update("web", AppInput.patch().with("health", ExtensionChoice.of("http", Map.of("path", "/up"))));
 * }</pre>
 *
 * @param project the project's name; required on create, moves the app on update
 * @param name the app's name; required on create, must not differ on update
 * @param extensions choices keyed by point id ({@code source}, {@code builder}, {@code deployer},
 *     {@code health})
 * @param env plain (non-secret) environment variables to set; others are left alone
 * @param byAdmin an administrator makes the change, so it may set config fields extensions mark
 *     admin-only (see {@link #byAdmin(boolean)})
 */
public record AppInput(Optional<String> project, Optional<String> name, Map<String, ExtensionChoice> extensions,
                       Map<String, String> env, boolean byAdmin) {
    public AppInput {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(name, "name");
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    public static AppInput of(String project, String name) {
        return new AppInput(Optional.ofNullable(project), Optional.ofNullable(name), Map.of(), Map.of(), false);
    }

    /** An empty change, to add parts to. */
    public static AppInput patch() {
        return new AppInput(Optional.empty(), Optional.empty(), Map.of(), Map.of(), false);
    }

    public AppInput withProject(String newProject) {
        return new AppInput(Optional.of(newProject), name, extensions, env, byAdmin);
    }

    public AppInput with(String point, ExtensionChoice choice) {
        Map<String, ExtensionChoice> next = new LinkedHashMap<>(extensions);
        next.put(Objects.requireNonNull(point, "point"), Objects.requireNonNull(choice, "choice"));
        return new AppInput(project, name, next, env, byAdmin);
    }

    public AppInput withEnv(Map<String, String> newEnv) {
        return new AppInput(project, name, extensions, newEnv, byAdmin);
    }

    /** The same change, made (or not) by an administrator. */
    public AppInput byAdmin(boolean admin) {
        return new AppInput(project, name, extensions, env, admin);
    }
}
