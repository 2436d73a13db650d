package io.slipway.plugins.nixpacks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A start.sh at the top: made executable at build time and run to start. */
final class ShellProvider implements Provider {

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public boolean detect(SourceFiles files) {
        return files.has("start.sh");
    }

    @Override
    public ProviderPlan plan(SourceFiles files, NixpacksSettings settings) {
        return new ProviderPlan(settings.shellImage(), Map.of(), Map.of("build", List.of("chmod +x start.sh")), List.of(),
                Optional.of("./start.sh"));
    }
}
