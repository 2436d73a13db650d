package io.slipway.core.pages;

import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import java.util.List;

/** A source extension with one field of every type, for rendering and secret-handling tests. */
final class FakeSource implements SourceProvider {
    static final String ID = "fake-git";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Fake Git";
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.text("url").label("Repository URL").required(true).pattern("https://.+")
                        .help("Where to clone from."),
                ConfigField.text("branch").label("Branch").defaultValue("main"),
                ConfigField.secret("token").label("Access token").help("Kept encrypted."),
                ConfigField.bool("shallow").label("Shallow clone").defaultValue("true"),
                ConfigField.number("depth").label("Depth"),
                ConfigField.choice("mode", List.of("fetch", "clone")).label("Mode"),
                ConfigField.multiline("notes").label("Notes"));
    }

    @Override
    public SourceRevision fetch(SourceRequest request, StepContext step) {
        throw new UnsupportedOperationException("not for fetching");
    }
}
