package io.slipway.core.apps;

import java.util.Map;
import java.util.Optional;

/**
 * The JSON body of {@code POST /api/v1/apps} and {@code PATCH /api/v1/apps/{app}}. Unknown fields
 * are refused by the JSON mapper. Notifiers (a list of choices) will arrive as another field.
 */
public record AppBody(String project, String name, ExtensionChoice source, ExtensionChoice builder,
                      ExtensionChoice deployer, ExtensionChoice health, Map<String, String> env) {

    AppInput toInput() {
        AppInput in = new AppInput(Optional.ofNullable(project), Optional.ofNullable(name), Map.of(),
                env == null ? Map.of() : env, false);
        in = choice(in, "source", source);
        in = choice(in, "builder", builder);
        in = choice(in, "deployer", deployer);
        return choice(in, "health", health);
    }

    private static AppInput choice(AppInput in, String point, ExtensionChoice choice) {
        return choice == null ? in : in.with(point, choice);
    }
}
