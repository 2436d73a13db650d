package io.slipway.core.stacks;

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
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.deploy.ServiceReporter;
import io.slipway.plugin.api.deploy.ServiceStatus;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the compose plugin's extensions with its ids and schemas ({@code inline} source,
 * {@code compose} builder and deployer), registered beside the core's built-ins, so the stack API
 * runs through the real pipeline without a Docker engine. The compose plugin's own behaviour is
 * tested in plugins/compose and, with the real plugin, in war's StackDeployTest.
 */
final class ComposeFixtures {
    private ComposeFixtures() {
    }

    static void register(ExtensionRegistry registry) {
        List<RegisteredExtension> all = new ArrayList<>(registry.ofPlugin(ExtensionRegistry.CORE));
        all.add(new RegisteredExtension(ExtensionPointId.SOURCE, ExtensionRegistry.CORE, new InlineSource()));
        all.add(new RegisteredExtension(ExtensionPointId.SOURCE, ExtensionRegistry.CORE, new RepositorySource()));
        all.add(new RegisteredExtension(ExtensionPointId.BUILDER, ExtensionRegistry.CORE, new ComposeBuilder()));
        all.add(new RegisteredExtension(ExtensionPointId.DEPLOYER, ExtensionRegistry.CORE, new ComposeDeployer()));
        registry.put(ExtensionRegistry.CORE, all);
    }

    static class InlineSource implements SourceProvider {
        @Override
        public String id() {
            return "inline";
        }

        @Override
        public String displayName() {
            return "No repository";
        }

        @Override
        public SourceRevision fetch(SourceRequest request, StepContext step) {
            return new SourceRevision("inline", "pasted", "test", "inline");
        }
    }

    /** A repository stand-in: a stack whose compose file is read from a repository at its path. */
    static final class RepositorySource extends InlineSource {
        @Override
        public String id() {
            return "repository";
        }
    }

    /** Refuses a compose file holding "cycle", as the real builder refuses a dependency cycle. */
    static final class ComposeBuilder implements Builder {
        @Override
        public String id() {
            return "compose";
        }

        @Override
        public String displayName() {
            return "Compose stack";
        }

        @Override
        public ConfigSchema configSchema() {
            return ConfigSchema.of(ConfigField.text("file").defaultValue("compose.yaml"),
                    ConfigField.multiline("content"), ConfigField.text("allow").adminOnly(true));
        }

        @Override
        public List<FieldError> validate(Config config) {
            // The real parser's messages for the two bad files the tests paste (its own tests cover the rest).
            return config.text("content").filter(c -> c.contains("cycle") || c.contains("[unclosed"))
                    .map(c -> List.of(new FieldError("content", c.contains("cycle")
                            ? "The services depend on each other in a cycle: a -> b -> a."
                            : "The compose file is not valid YAML at line 3, column 12: close the '['.")))
                    .orElse(List.of());
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

    /** Runs nothing; reports a db and a web service depending on it. */
    static final class ComposeDeployer implements Deployer, ServiceReporter {
        private final List<Release> running = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "compose";
        }

        @Override
        public String displayName() {
            return "Compose stack";
        }

        @Override
        public ConfigSchema configSchema() {
            return ConfigSchema.of(ConfigField.text("expose").required(true), ConfigField.text("mode"),
                    ConfigField.text("swarmPublish"), ConfigField.bool("removeVolumes"));
        }

        @Override
        public Release start(DeployRequest request, StepContext step) {
            step.log().line("Service db: started");
            Release r = new Release("stack:" + request.deploymentId(), request.app(), request.environment(),
                    request.deploymentId(), Optional.empty(), request.labels());
            running.add(r);
            return r;
        }

        @Override
        public List<Release> list(String app, Config config) {
            return running.stream().filter(r -> r.app().equals(app)).toList();
        }

        @Override
        public void retire(Release release, Config config) {
            running.removeIf(r -> r.id().equals(release.id()));
        }

        @Override
        public List<ServiceStatus> services(Release release, Config config) {
            return List.of(new ServiceStatus("db", "busybox", "running", "healthy", 1, 1, List.of(), List.of()),
                    new ServiceStatus("web<x>", "web:1", "running", "none", 1, 1, List.of("127.0.0.1:5000->80/tcp"),
                            List.of("db")));
        }

        @Override
        public List<String> serviceLogs(Release release, Config config, String service, int lines) {
            return List.of("log of " + service + " (" + lines + " lines)");
        }
    }

}
