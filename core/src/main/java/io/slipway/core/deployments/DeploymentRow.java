package io.slipway.core.deployments;

import io.slipway.core.pipeline.Deployment;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A deployment as the pages show it (history table, deployment page): texts and CSS classes
 * computed here so templates stay free of logic.
 */
public record DeploymentRow(Deployment deployment) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public long id() {
        return deployment.id();
    }

    public String app() {
        return deployment.app();
    }

    public String environment() {
        return deployment.environment();
    }

    public String phase() {
        return deployment.phase().name();
    }

    public int progress() {
        return deployment.progress();
    }

    /** "Active", "Building", "Failed". */
    public String label() {
        String n = deployment.phase().name().replace('_', ' ').toLowerCase();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** The badge's CSS class: ok, failed, running, warn or none. */
    public String badge() {
        return switch (deployment.phase()) {
            case ACTIVE -> "ok";
            case FAILED, ROLLED_BACK -> "failed";
            case CANCELLED, SUPERSEDED -> "warn";
            case QUEUED -> "none";
            default -> "running";
        };
    }

    public String revision() {
        return deployment.revision().map(r -> r.length() > 12 ? r.substring(0, 12) : r).orElse("—");
    }

    public String commitMessage() {
        return deployment.commitMessage().map(m -> m.lines().findFirst().orElse("")).orElse("");
    }

    public String trigger() {
        return deployment.describeTrigger();
    }

    public String error() {
        return deployment.error().orElse("");
    }

    public boolean isFinal() {
        return deployment.isFinal();
    }

    public boolean isRunning() {
        return !deployment.isFinal();
    }

    /** Only a deployment that went live can be rolled back to. */
    public boolean canRollBackTo() {
        return deployment.phase() == DeploymentPhase.ACTIVE && deployment.artifact().isPresent();
    }

    public String created() {
        return SHOWN.format(deployment.createdAt());
    }

    public String isoCreated() {
        return deployment.createdAt().toString();
    }

    public String started() {
        return deployment.startedAt().map(SHOWN::format).orElse("—");
    }

    public String finished() {
        return deployment.finishedAt().map(SHOWN::format).orElse("—");
    }

    /** From start to end (or to now while it runs): "1 min 05 s", "850 ms". */
    public String duration() {
        if (deployment.startedAt().isEmpty()) {
            return "—";
        }
        return describe(Duration.between(deployment.startedAt().get(), deployment.finishedAt().orElse(Instant.now())));
    }

    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        return s < 60 ? s + " s" : (s / 60) + " min " + String.format("%02d", s % 60) + " s";
    }
}
