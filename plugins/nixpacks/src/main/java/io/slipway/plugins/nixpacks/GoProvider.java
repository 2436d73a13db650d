package io.slipway.plugins.nixpacks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Go: a module (go.mod) built into one binary; the version from the {@code go} line. */
final class GoProvider implements Provider {
    static final String DEFAULT_VERSION = "1.22";

    @Override
    public String name() {
        return "go";
    }

    @Override
    public boolean detect(SourceFiles files) {
        return files.has("go.mod");
    }

    @Override
    public ProviderPlan plan(SourceFiles files, NixpacksSettings settings) {
        String version = files.read("go.mod").flatMap(t -> t.lines().map(String::strip)
                .filter(l -> l.matches("go \\d+\\.\\d+(\\.\\d+)?")).map(l -> l.substring(3).replaceAll("^(\\d+\\.\\d+).*", "$1"))
                .findFirst()).orElse(DEFAULT_VERSION);
        Map<String, List<String>> cmds = new LinkedHashMap<>();
        cmds.put("install", List.of("go mod download"));
        cmds.put("build", List.of("go build -o out"));
        return new ProviderPlan(NixpacksSettings.image(settings.goImage(), version), Map.of("CGO_ENABLED", "0"), cmds,
                List.of(), Optional.of("./out"));
    }
}
