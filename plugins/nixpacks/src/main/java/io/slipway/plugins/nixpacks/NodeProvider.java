package io.slipway.plugins.nixpacks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Node: npm, yarn or pnpm by lockfile; {@code build} and {@code start} scripts; version from engines or .nvmrc. */
final class NodeProvider implements Provider {
    static final String DEFAULT_VERSION = "20";
    private static final Pattern MAJOR = Pattern.compile("(\\d+)");

    @Override
    public String name() {
        return "node";
    }

    @Override
    public boolean detect(SourceFiles files) {
        return files.has("package.json");
    }

    @Override
    public ProviderPlan plan(SourceFiles files, NixpacksSettings settings) {
        JsonNode pkg = files.json("package.json");
        String manager = files.has("pnpm-lock.yaml") ? "pnpm" : files.has("yarn.lock") ? "yarn" : "npm";
        Map<String, List<String>> cmds = new LinkedHashMap<>();
        if (!manager.equals("npm")) {
            cmds.put("setup", List.of("corepack enable"));
        }
        if (hasDependencies(pkg)) {
            cmds.put("install", List.of(switch (manager) {
                case "pnpm" -> "pnpm i --frozen-lockfile";
                case "yarn" -> "yarn install --frozen-lockfile";
                default -> files.has("package-lock.json") ? "npm ci" : "npm i";
            }));
        }
        if (pkg.path("scripts").hasNonNull("build")) {
            cmds.put("build", List.of(manager + " run build"));
        }
        Optional<String> start = pkg.path("scripts").hasNonNull("start") ? Optional.of(manager + " run start")
                : Optional.of("node " + main(files, pkg));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("NODE_ENV", "production");
        variables.put("NPM_CONFIG_PRODUCTION", "false");
        return new ProviderPlan(NixpacksSettings.image(settings.nodeImage(), version(files, pkg)), variables, cmds,
                List.of(), start);
    }

    private static boolean hasDependencies(JsonNode pkg) {
        return pkg.path("dependencies").size() > 0 || pkg.path("devDependencies").size() > 0;
    }

    private static String main(SourceFiles files, JsonNode pkg) {
        if (pkg.hasNonNull("main") && !pkg.get("main").asText().isBlank()) {
            return pkg.get("main").asText();
        }
        List<String> candidates = new ArrayList<>(List.of("index.js", "server.js", "main.js", "app.js"));
        return candidates.stream().filter(files::has).findFirst().orElse("index.js");
    }

    /** The major version asked for by .nvmrc or engines.node ({@code >=18}, {@code 18.x}, {@code v20}). */
    static String version(SourceFiles files, JsonNode pkg) {
        Optional<String> wanted = files.read(".nvmrc").map(String::strip).filter(s -> !s.isEmpty())
                .or(() -> Optional.ofNullable(pkg.path("engines").path("node").textValue()));
        if (wanted.isPresent()) {
            Matcher m = MAJOR.matcher(wanted.get());
            if (m.find()) {
                return m.group(1);
            }
        }
        return DEFAULT_VERSION;
    }
}
