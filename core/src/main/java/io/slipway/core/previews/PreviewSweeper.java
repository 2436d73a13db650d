package io.slipway.core.previews;

import io.slipway.core.rules.RuleService;
import io.slipway.core.rules.SourceApp;
import io.slipway.core.rules.SourceApps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes previews that saw no new commit for their app's time-to-live ({@code previewTtlDays},
 * default 7), on a schedule of its own.
 */
public final class PreviewSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewSweeper.class);

    private final Jdbi jdbi;
    private final SourceApps apps;
    private final RuleService rules;
    private final PreviewService previews;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-preview-sweeper");
        t.setDaemon(true);
        return t;
    });

    public PreviewSweeper(Jdbi jdbi, SourceApps apps, RuleService rules, PreviewService previews) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.previews = Objects.requireNonNull(previews, "previews");
    }

    public PreviewSweeper start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.warn("Removing expired previews failed: {}", e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
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
        timer.shutdownNow();
    }
}
