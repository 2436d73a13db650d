package io.slipway.plugins.compose;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugins.docker.EngineAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code compose} builder's settings: where the compose file is (a path in the repository, or
 * the file itself pasted in) and which guarded options an admin allowed for the stack.
 *
 * @param file the compose file's path, relative to the source folder
 * @param content the pasted compose file; wins over {@code file} when not blank
 * @param allowed {@link Safety#OPTIONS} an admin allowed
 */
record SourceSettings(String file, Optional<String> content, Set<String> allowed) {
    static final String CONTENT = "content";
    static final String ALLOW = "allow";

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text("file").label("Compose file").defaultValue("compose.yaml")
                    .help("Path of the compose file in the repository"),
            ConfigField.multiline(CONTENT).label("Compose file content")
                    .help("Paste the compose file here instead of reading it from the repository"),
            ConfigField.text(ALLOW).label("Allowed options (admin)").pattern("[a-z_, ]*").adminOnly(true)
                    .help("Guarded options an admin allowed for this stack: " + String.join(", ", Safety.OPTIONS)),
            ConfigField.text(EngineAccess.HOST_FIELD).label("Docker host").pattern(EngineAccess.HOST_PATTERN)
                    .help("Overrides DOCKER_HOST for this stack"));

    static SourceSettings from(Config config) {
        Set<String> allowed = new LinkedHashSet<>();
        Arrays.stream(config.text(ALLOW).orElse("").split("[,\\s]+")).filter(s -> !s.isBlank()).forEach(allowed::add);
        return new SourceSettings(config.text("file").filter(f -> !f.isBlank()).orElse("compose.yaml"),
                config.text(CONTENT).filter(c -> !c.isBlank()), allowed);
    }

    /** Field errors for the settings and, when pasted, for the compose file itself. */
    static List<FieldError> problems(Config config) {
        SourceSettings s = from(config);
        List<FieldError> errors = new ArrayList<>();
        s.allowed().stream().filter(a -> !Safety.OPTIONS.contains(a)).forEach(a -> errors.add(new FieldError(ALLOW,
                "'" + a + "' is not an option Slipway guards; use " + String.join(", ", Safety.OPTIONS))));
        if (s.file().startsWith("/") || s.file().contains("..") || s.file().contains("\\")) {
            errors.add(new FieldError("file", "must be a relative path inside the repository, without '..'"));
        }
        s.content().ifPresent(yaml -> {
            try {
                ComposeFile file = ComposeParser.parse(yaml, Map.of(), false, p -> Optional.of(""));
                Safety.check(file, s.allowed());
            } catch (InvalidComposeException e) {
                errors.add(new FieldError(CONTENT, e.getMessage()));
            }
        });
        return errors;
    }
}
