package io.slipway.plugins.nixpacks;

import java.util.List;
import java.util.Map;

/** A Procfile alone: its {@code web} process is the start command, on the shell base image. */
final class ProcfileProvider implements Provider {

    @Override
    public String name() {
        return "procfile";
    }

    @Override
    public boolean detect(SourceFiles files) {
        return Procfile.webCommand(files).isPresent();
    }

    @Override
    public ProviderPlan plan(SourceFiles files, NixpacksSettings settings) {
        return new ProviderPlan(settings.shellImage(), Map.of(), Map.of(), List.of(), Procfile.webCommand(files));
    }
}
