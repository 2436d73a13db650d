package io.slipway.core.deployments;

import io.slipway.core.http.PageRequest;
import io.slipway.core.pipeline.Pipeline;
import java.util.List;

/**
 * The model of the app page's deployment history, for the fragment
 * {@code deployments/history :: history(${deployments})}.
 *
 * <pre>{@code
 * view.with("deployments", DeploymentHistory.rows(pipeline, app.name(), 20));
 * }</pre>
 */
public final class DeploymentHistory {
    private DeploymentHistory() {
    }

    /** The app's newest deployments, at most {@code limit} (1..200). */
    public static List<DeploymentRow> rows(Pipeline pipeline, String app, int limit) {
        return pipeline.deployments().list(app, PageRequest.first(limit)).items().stream().map(DeploymentRow::new)
                .toList();
    }
}
