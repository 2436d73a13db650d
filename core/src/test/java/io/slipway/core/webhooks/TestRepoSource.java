package io.slipway.core.webhooks;

import io.slipway.core.pipeline.testext.TestBehaviour;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** A source naming a repository ({@code url}, {@code branch}); "fetches" exactly the revision asked for. */
public final class TestRepoSource implements SourceProvider {
    @Override
    public String id() {
        return "repo-source";
    }

    @Override
    public String displayName() {
        return "Test repository source";
    }

    @Override
    public ConfigSchema configSchema() {
        List<ConfigField> fields = new ArrayList<>(TestBehaviour.schema().fields());
        fields.add(ConfigField.text("url").required(true));
        fields.add(ConfigField.text("branch").defaultValue("main"));
        fields.add(ConfigField.secret("webhookSecret")); // where the github and gitlab plugins keep it
        return new ConfigSchema(fields);
    }

    @Override
    public SourceRevision fetch(SourceRequest request, StepContext step) {
        try {
            Files.writeString(request.targetDir().resolve("app.txt"), "hello");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String rev = request.ref().orElse("0000000");
        return new SourceRevision(rev, "commit " + rev, "tester", rev);
    }
}
