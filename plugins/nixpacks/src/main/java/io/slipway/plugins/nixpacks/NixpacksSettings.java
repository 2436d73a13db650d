package io.slipway.plugins.nixpacks;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code nixpacks} builder's settings. Base images may hold {@code {version}}, replaced by the
 * version the source asks for (Node's {@code engines}, Go's {@code go} line) or the default.
 *
 * @param port the port the app listens on ({@code PORT} in the image); match the deployer's port
 * @param cli {@code auto} runs an installed {@code nixpacks}; {@code never} always uses the built-in planner
 * @param staticImage an image with nginx (and sh) on the PATH and /etc/nginx/mime.types, for static sites
 * @param spaFallback static sites answer unknown paths with index.html (single-page apps)
 * @param dockerHost overrides DOCKER_HOST for the build
 */
record NixpacksSettings(int port, String cli, String nodeImage, String pythonImage, String goImage, String javaImage,
                        String mavenImage, String staticImage, String shellImage, boolean spaFallback,
                        Optional<String> dockerHost) {

    static final String NODE = "node:{version}-slim";
    static final String PYTHON = "python:{version}-slim";
    static final String GO = "golang:{version}";
    static final String JAVA = "eclipse-temurin:17-jdk";
    static final String MAVEN = "maven:3-eclipse-temurin-17";
    static final String STATIC = "nginx:alpine";
    static final String SHELL = "debian:bookworm-slim";
    private static final String IMAGE = "[a-z0-9][a-z0-9._/:@{}-]{0,254}";

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.number("port").label("App port").defaultValue("8080")
                    .help("Set as PORT in the image; the app must listen on it (use the same port in the deployer)"),
            ConfigField.choice("cli", List.of("auto", "never")).label("Use the nixpacks program").defaultValue("auto")
                    .help("auto: run `nixpacks build` when it is installed on the server; never: always use the built-in planner"),
            image("nodeImage", "Node base image", NODE),
            image("pythonImage", "Python base image", PYTHON),
            image("goImage", "Go base image", GO),
            image("javaImage", "Java base image", JAVA),
            image("mavenImage", "Maven base image (no wrapper in the source)", MAVEN),
            image("staticImage", "Static site server image (with nginx)", STATIC),
            image("shellImage", "Base image for start.sh and Procfile apps", SHELL),
            ConfigField.bool("spaFallback").label("Single-page app fallback").defaultValue("false")
                    .help("Static sites answer paths that match no file with index.html"),
            ConfigField.text("dockerHost").label("Docker host").pattern("(unix|tcp|npipe)://\\S+")
                    .help("Overrides DOCKER_HOST for this app's builds"));

    private static ConfigField image(String name, String label, String dflt) {
        return ConfigField.text(name).label(label).defaultValue(dflt).pattern(IMAGE)
                .help("Default " + dflt + "; {version} is replaced by the version the source asks for");
    }

    static NixpacksSettings from(Config c) {
        return new NixpacksSettings(c.integer("port").orElse(8080), c.text("cli").orElse("auto"),
                c.text("nodeImage").orElse(NODE), c.text("pythonImage").orElse(PYTHON), c.text("goImage").orElse(GO),
                c.text("javaImage").orElse(JAVA), c.text("mavenImage").orElse(MAVEN),
                c.text("staticImage").orElse(STATIC), c.text("shellImage").orElse(SHELL),
                c.bool("spaFallback").orElse(false), c.text("dockerHost").filter(h -> !h.isBlank()));
    }

    NixpacksSettings withPort(int appPort) {
        return new NixpacksSettings(appPort, cli, nodeImage, pythonImage, goImage, javaImage, mavenImage, staticImage,
                shellImage, spaFallback, dockerHost);
    }

    static List<FieldError> problems(Config config) {
        List<FieldError> errors = new ArrayList<>();
        double port = config.number("port").map(Number::doubleValue).orElse(8080.0);
        if (port != Math.rint(port) || port < 1 || port > 65535) {
            errors.add(new FieldError("port", "must be a whole number between 1 and 65535"));
        }
        return errors;
    }

    static String image(String template, String version) {
        return template.replace("{version}", version);
    }
}
