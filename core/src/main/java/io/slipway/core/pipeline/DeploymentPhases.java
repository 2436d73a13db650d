package io.slipway.core.pipeline;

import io.slipway.plugin.api.notify.DeploymentPhase;
import java.util.List;

/** The order of the working phases and the progress each stands for. */
public final class DeploymentPhases {
    /** The phases a deployment works through, in order. */
    public static final List<DeploymentPhase> WORKING = List.of(DeploymentPhase.FETCHING_SOURCE,
            DeploymentPhase.BUILDING, DeploymentPhase.DEPLOYING, DeploymentPhase.HEALTH_CHECKING,
            DeploymentPhase.SWITCHING_TRAFFIC);

    private DeploymentPhases() {
    }

    /** Percentage shown when a deployment enters {@code phase}. */
    public static int progress(DeploymentPhase phase) {
        return switch (phase) {
            case QUEUED -> 0;
            case FETCHING_SOURCE -> 5;
            case BUILDING -> 25;
            case DEPLOYING -> 60;
            case HEALTH_CHECKING -> 75;
            case SWITCHING_TRAFFIC -> 90;
            case ACTIVE -> 100;
            case FAILED, CANCELLED, SUPERSEDED, ROLLED_BACK -> -1;
        };
    }

    /** Whether a worker is (or should be) running it. */
    public static boolean isWorking(DeploymentPhase phase) {
        return WORKING.contains(phase);
    }

    /** The SQL list of working phases, for {@code phase IN (...)}. */
    public static String workingSqlList() {
        StringBuilder sb = new StringBuilder();
        for (DeploymentPhase p : WORKING) {
            sb.append(sb.isEmpty() ? "" : ",").append('\'').append(p.name()).append('\'');
        }
        return sb.toString();
    }

    /**
     * SQL that is true when a deployment of the app and environment that {@code where} names (with
     * the alias {@code w}) is in a working phase: one EXISTS per phase, each one index lookup on
     * (app_id, environment, phase). H2 uses an IN list only on an index's first column, so
     * {@code phase IN (...)} there reads every deployment the app ever had.
     */
    public static String anyWorking(String where) {
        StringBuilder sb = new StringBuilder("(");
        for (DeploymentPhase p : WORKING) {
            sb.append(sb.length() == 1 ? "" : " OR ").append("EXISTS (SELECT 1 FROM deployments w WHERE ").append(where)
                    .append(" AND w.phase = '").append(p.name()).append("')");
        }
        return sb.append(')').toString();
    }
}
