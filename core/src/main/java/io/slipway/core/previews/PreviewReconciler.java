package io.slipway.core.previews;

import io.slipway.core.rules.SourceApp;
import io.slipway.core.rules.SourceApps;
import io.slipway.plugin.api.source.PullRequestState;
import io.slipway.core.jobs.PeriodicJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Removes the previews whose pull/merge request closed or merged while Slipway missed the close
 * event (a delivery lost while the server was down, a webhook disabled for a while): on a
 * schedule, asks each live preview's forge where its request stands and removes the preview of
 * one that is closed, as the close event would have ("preview removed" notification and
 * comment, with the reason). A forge that cannot tell keeps the preview. Only the cluster's
 * leader asks, so a forge sees one question per preview and round.
 *
 * <pre>{@code
 * PreviewReconciler r = new PreviewReconciler(sources, previews, cluster::isLeader).start(Duration.ofMinutes(15));
 * List<String> removed = r.reconcile(); // ["web/pr-7"]
 * }</pre>
 */
public final class PreviewReconciler implements AutoCloseable {
    private final SourceApps apps;
    private final PreviewService previews;
    private final BooleanSupplier leader;
    private volatile Optional<PeriodicJob> job = Optional.empty();

    public PreviewReconciler(SourceApps apps, PreviewService previews, BooleanSupplier leader) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.previews = Objects.requireNonNull(previews, "previews");
        this.leader = Objects.requireNonNull(leader, "leader");
    }

    public PreviewReconciler start(Duration every) {
        job = Optional.of(PeriodicJob.start("preview-reconciler", every, leader,
                "Checking previews against their pull requests", this::reconcile));
        return this;
    }

    /** Asks about every preview now and removes those whose request closed; returns them as {@code app/pr-<n>}. */
    public List<String> reconcile() {
        List<String> removed = new ArrayList<>();
        for (String name : previews.appsWithPreviews()) {
            Optional<SourceApp> app = apps.find(name);
            if (app.isEmpty()) {
                continue; // deleted meanwhile: its previews went with it
            }
            for (int n : previews.previews(app.get())) {
                Optional<PullRequestState> state = previews.pullRequestState(app.get(), n);
                if (state.isPresent() && state.get().isClosed() && previews.remove(app.get(), n,
                        "the pull request was " + (state.get() == PullRequestState.MERGED ? "merged" : "closed")
                                + " (its close event never arrived)")) {
                    removed.add(name + "/pr-" + n);
                }
            }
        }
        return removed;
    }

    @Override
    public void close() {
        job.ifPresent(PeriodicJob::close);
    }
}
