package io.slipway.core.uploads;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.plans.BuildPlanService;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.pipeline.internal.Workspaces;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Wires source uploads and build plans for the composition root. */
public final class UploadServices {
    private UploadServices() {
    }

    /** The services resources inject: {@link UploadService}, {@link BuildPlanService}, {@link UploadPanels}. */
    public static Map<Class<?>, Object> start(SlipwayConfig config, Jdbi jdbi, PipelineApps apps, Pipeline pipeline,
                                              ExtensionInvoker calls, Clock clock) {
        Path incoming = config.home().resolve("uploads-incoming");
        // Bodies half-received when the server stopped: never handed to a source, never needed again.
        Workspaces.delete(incoming);
        UploadService uploads = new UploadService(new UploadStore(jdbi), apps, pipeline.deployments(), calls,
                incoming, config.maxUploadBytes(), clock);
        BuildPlanService plans = new BuildPlanService(apps, calls, config.workspacesDir().resolve("plans"), clock);
        return Map.of(UploadService.class, uploads, BuildPlanService.class, plans, UploadPanels.class,
                new UploadPanels(uploads, plans, apps, jdbi));
    }
}
