package io.slipway.core.uploads;

import io.slipway.core.SlipwayException;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.plans.BuildPlanService;
import io.slipway.core.plans.PlanJson;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.source.ArchiveReceiver;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the app page's upload-and-plan section. The plan is made (a fetch of the source) only
 * while the app has never been deployed; afterwards the page links to {@code GET .../plan}.
 */
public final class UploadPanels {
    private static final Logger LOG = LoggerFactory.getLogger(UploadPanels.class);
    private final UploadService uploads;
    private final BuildPlanService plans;
    private final PipelineApps apps;
    private final Jdbi jdbi;

    UploadPanels(UploadService uploads, BuildPlanService plans, PipelineApps apps, Jdbi jdbi) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    public UploadPanel of(String app) {
        boolean takesUploads = apps.find(app).flatMap(a -> a.extension(ExtensionPointId.SOURCE))
                .map(s -> s.registered().extension() instanceof ArchiveReceiver).orElse(false);
        Upload latest = uploads.latest(app).orElse(null);
        boolean planner = plans.plans(app);
        PlanJson plan = null;
        String error = null;
        if (planner && neverDeployed(app) && (!takesUploads || latest != null)) {
            try {
                plan = PlanJson.of(plans.plan(app));
            } catch (SlipwayException | StepFailedException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                // The page must show even when planning breaks; the log has the details.
                LOG.warn("Planning app {} for its page failed", app, e);
                error = "The plan could not be made: " + e.getMessage();
            }
        }
        return new UploadPanel(app, takesUploads, latest, planner, plan, error);
    }

    private boolean neverDeployed(String app) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deployments d JOIN apps a ON a.id = d.app_id "
                + "WHERE a.name = :app").bind("app", app).mapTo(Long.class).one()) == 0;
    }
}
