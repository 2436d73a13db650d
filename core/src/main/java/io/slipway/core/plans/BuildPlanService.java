package io.slipway.core.plans;

import io.slipway.core.NotFoundException;
import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.pipeline.internal.Workspaces;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.BuildPlan;
import io.slipway.plugin.api.build.BuildPlanner;
import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.build.PlanRejectedException;
import io.slipway.plugin.api.build.PlanRequest;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans an app's build without building: fetches the source's default revision (an upload
 * source's newest archive) into a folder of its own, asks the app's builder ({@link BuildPlanner})
 * for its plan, and deletes the folder. The builder sees the app's build-time variables, as a
 * build would.
 */
public final class BuildPlanService {
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(2);

    private final PipelineApps apps;
    private final ExtensionInvoker calls;
    private final Path plansDir;
    private final Clock clock;

    public BuildPlanService(PipelineApps apps, ExtensionInvoker calls, Path plansDir, Clock clock) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.plansDir = Objects.requireNonNull(plansDir, "plansDir");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the app's builder can plan (the app page shows the plan only then). */
    public boolean plans(String appName) {
        return apps.find(appName).flatMap(a -> a.extension(ExtensionPointId.BUILDER))
                .map(b -> b.registered().extension() instanceof BuildPlanner).orElse(false);
    }

    /**
     * @throws NotFoundException when there is no such app
     * @throws NoPlanException when the builder makes no plans or the source cannot be fetched
     * @throws PlanRejectedByBuilderException when the builder refuses the source's build configuration
     */
    public BuildPlan plan(String appName) {
        PipelineApp app = apps.find(appName).orElseThrow(() -> new NotFoundException("App", appName));
        ChosenExtension builder = app.extension(ExtensionPointId.BUILDER).orElseThrow(() -> new NoPlanException(
                "App '" + appName + "' has no usable builder" + app.problem(ExtensionPointId.BUILDER).map(p -> ": " + p)
                        .orElse("") + "."));
        if (!(builder.registered().extension() instanceof BuildPlanner)) {
            throw new NoPlanException("The builder '" + builder.id() + "' of app '" + appName + "' makes no plans: "
                    + "only builders such as 'nixpacks' do.");
        }
        ChosenExtension source = app.extension(ExtensionPointId.SOURCE).orElseThrow(() -> new NoPlanException(
                "App '" + appName + "' has no usable source" + app.problem(ExtensionPointId.SOURCE).map(p -> ": " + p)
                        .orElse("") + "."));
        Path workspace = plansDir.resolve(UUID.randomUUID().toString());
        Path sourceDir = workspace.resolve("src");
        try {
            Workspaces.recreate(sourceDir);
            PlanStepContext step = new PlanStepContext(appName, workspace, clock.instant().plus(FETCH_TIMEOUT));
            try {
                calls.call(source.registered(), SourceProvider.class, s -> s.fetch(
                        new SourceRequest(source.config(), Optional.empty(), sourceDir), step));
            } catch (StepFailedException e) {
                throw new NoPlanException("The source could not be fetched for a plan: " + e.getMessage());
            }
            Map<String, String> env = new LinkedHashMap<>();
            app.env().stream().filter(PipelineApp.AppEnvVar::buildTime).forEach(v -> env.put(v.name(), v.value()));
            try {
                return calls.call(builder.registered(), Builder.class, b -> ((BuildPlanner) b)
                        .plan(new PlanRequest(builder.config(), sourceDir, env)));
            } catch (StepFailedException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof PlanRejectedException rejected) {
                        throw new PlanRejectedByBuilderException(rejected.getMessage(), rejected.line());
                    }
                }
                throw e;
            }
        } finally {
            Workspaces.delete(workspace);
        }
    }
}
