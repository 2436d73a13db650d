package io.slipway.core.previews;

import io.slipway.core.rules.RuleService;
import io.slipway.core.rules.SourceApp;
import io.slipway.core.rules.SourceApps;
import io.slipway.core.jobs.PeriodicJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes previews that saw no new commit for their app's time-to-live ({@code previewTtlDays},
 * default 7), on a schedule of its own.
 */
public final class PreviewSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewSweeper.class);

    private final SourceApps apps;
    private final RuleService rules;
    private final PreviewService previews;
    private volatile Optional<PeriodicJob> job = Optional.empty();

    public PreviewSweeper(SourceApps apps, RuleService rules, PreviewService previews) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.previews = Objects.requireNonNull(previews, "previews");
    }

    public PreviewSweeper start(Duration every) {
        job = Optional.of(PeriodicJob.start("preview-sweeper", every, () -> true, "Removing expired previews",
                this::sweep));
        return this;
    }

    /** Removes every expired preview now; returns them as {@code app/pr-<n>}. */
    public List<String> sweep() {
        List<String> removed = new ArrayList<>();
        for (String name : previews.appsWithPreviews()) {
            SourceApp app = apps.find(name).orElse(null);
            if (app == null) {
                continue; // deleted meanwhile: its previews went with it
            }
            for (int n : previews.removeExpired(app, rules.rulesOf(app).limits())) {
                removed.add(name + "/pr-" + n);
            }
        }
        if (!removed.isEmpty()) {
            LOG.info("Removed previews without a new commit for their time-to-live: {}", removed);
        }
        return removed;
    }

    @Override
    public void close() {
        job.ifPresent(PeriodicJob::close);
    }
}
