package io.slipway.core.pipeline.testext;

import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.pf4j.Extension;

/** A source that "fetches" one file; its revision is the ref asked for, or {@code rev-1}. */
@Extension
public final class TestSource implements SourceProvider {
    @Override
    public String id() {
        return "test-source";
    }

    @Override
    public String displayName() {
        return "Test source";
    }

    @Override
    public ConfigSchema configSchema() {
        return TestBehaviour.schema();
    }

    @Override
    public SourceRevision fetch(SourceRequest request, StepContext step) {
        TestBehaviour.perform("FETCHING_SOURCE", request.config(), step);
        try {
            Files.writeString(request.targetDir().resolve("app.txt"), "hello");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String rev = request.ref().orElse("rev-1");
        return new SourceRevision(rev, "commit " + rev, "tester", request.ref().orElse("main"));
    }
}
