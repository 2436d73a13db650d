package io.slipway.core.apps;

import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Path;
import java.util.List;

/** Extensions with schemas to validate app settings against, registered as plugin {@code test}. */
final class TestExtensions {
    private TestExtensions() {
    }

    static void register(ExtensionRegistry registry) {
        registry.put("test", List.of(
                new RegisteredExtension(ExtensionPointId.BUILDER, "test", new DockerfileBuilder()),
                new RegisteredExtension(ExtensionPointId.BUILDER, "test", new PlainBuilder()),
                new RegisteredExtension(ExtensionPointId.SOURCE, "test", new GitSource())));
    }

    /** Builder {@code dockerfile}: a required, patterned path and a secret registry token. */
    static final class DockerfileBuilder implements Builder {
        @Override
        public String id() {
            return "dockerfile";
        }

        @Override
        public String displayName() {
            return "Dockerfile";
        }

        @Override
        public ConfigSchema configSchema() {
            return ConfigSchema.of(
                    ConfigField.text("dockerfile").required(true).pattern("[A-Za-z0-9._/-]+"),
                    ConfigField.secret("registryToken"),
                    ConfigField.number("cpus"));
        }

        @Override
        public List<FieldError> validate(Config config) {
            return config.require("dockerfile").contains("..")
                    ? List.of(new FieldError("dockerfile", "must stay inside the source folder"))
                    : List.of();
        }

        @Override
        public boolean detect(Path sourceDir) {
            return true;
        }

        @Override
        public Artifact build(BuildRequest request, StepContext step) {
            return Artifact.of(request.imageTag());
        }
    }

    /** Builder {@code plain}: one optional field. */
    static final class PlainBuilder implements Builder {
        @Override
        public String id() {
            return "plain";
        }

        @Override
        public String displayName() {
            return "Plain";
        }

        @Override
        public ConfigSchema configSchema() {
            return ConfigSchema.of(ConfigField.text("plan"));
        }

        @Override
        public boolean detect(Path sourceDir) {
            return true;
        }

        @Override
        public Artifact build(BuildRequest request, StepContext step) {
            return Artifact.of(request.imageTag());
        }
    }

    /** Source {@code git}: a required URL, a branch with a default and a secret token. */
    static final class GitSource implements SourceProvider {
        @Override
        public String id() {
            return "git";
        }

        @Override
        public String displayName() {
            return "Git";
        }

        @Override
        public ConfigSchema configSchema() {
            return ConfigSchema.of(
                    ConfigField.text("url").required(true),
                    ConfigField.text("branch").defaultValue("main"),
                    ConfigField.secret("token"));
        }

        @Override
        public SourceRevision fetch(SourceRequest request, StepContext step) {
            throw new UnsupportedOperationException("not fetched in tests");
        }
    }
}
