package io.slipway.core.health.builtin;

import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthResult;
import io.slipway.plugin.api.step.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link Probe} on a schedule without ever waiting past the step's deadline, and stops
 * at once when the deployment is cancelled (between attempts, during waits, and inside an
 * attempt where the probe allows it).
 */
final class ProbeLoop {
    // A release is usually probed the moment its container started: what is not listening yet
    // mostly is a few ms later, so the first quick probe follows 10 ms after the failed attempt.
    private static final Duration QUICK_FIRST = Duration.ofMillis(10);
    private static final Duration QUICK_MAX = Duration.ofSeconds(1);
    /** Intervals up to this are short enough to wait out whole; quick probes fill longer ones. */
    private static final Duration QUICK_WHEN_LONGER = Duration.ofMillis(200);
    private ProbeLoop() {
    }

    static HealthResult run(Release release, StepContext step, ProbeSchedule schedule, Probe probe) {
        Optional<Endpoint> endpoint = release.endpoint();
        if (endpoint.isEmpty()) {
            return HealthResult.unhealthy("The release has no endpoint to probe: does the deployer publish a port?", 0);
        }
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        step.cancellation().onCancel(() -> cancelled.complete(null));
        Instant deadline = step.deadline();
        int max = schedule.retries() + 1;
        step.cancellation().throwIfCancelled();
        if (!schedule.startPeriod().isZero()) {
            step.log().line("Waiting " + Probe.seconds(schedule.startPeriod()) + " for the release to start");
            pause(step, cancelled, min(schedule.startPeriod(), remaining(deadline)));
        }
        String last = "no attempt was made before the step's deadline";
        int attempts = 0;
        while (attempts < max) {
            step.cancellation().throwIfCancelled();
            Duration left = remaining(deadline);
            if (left.isZero()) {
                return HealthResult.unhealthy(last + "; the step's deadline passed after " + attempts + " attempt(s)", attempts);
            }
            attempts++;
            Probe.Outcome outcome = probe.attempt(endpoint.get(), min(schedule.timeout(), left), cancelled);
            step.cancellation().throwIfCancelled();
            if (outcome.ok()) {
                step.log().line("Healthy: " + outcome.detail());
                return HealthResult.healthy(outcome.detail(), attempts);
            }
            last = outcome.detail();
            step.log().line("Health check attempt " + attempts + "/" + max + " failed: " + last);
            if (attempts < max) {
                Duration wait = min(schedule.interval(), remaining(deadline));
                if (attempts == 1 && wait.compareTo(QUICK_WHEN_LONGER) > 0) {
                    Optional<Probe.Outcome> quick = quickProbes(endpoint.get(), schedule, step, cancelled, probe, wait);
                    if (quick.isPresent()) {
                        step.log().line("Healthy: " + quick.get().detail());
                        return HealthResult.healthy(quick.get().detail(), attempts + 1);
                    }
                } else {
                    pause(step, cancelled, wait);
                }
            }
        }
        return HealthResult.unhealthy(last + " (" + attempts + " attempt(s))", attempts);
    }

    /**
     * Most apps are not ready at the first probe but well before a whole interval has passed:
     * until the next counted attempt is due, probe at short, growing gaps (10 ms, 20 ms, ... at
     * most 1 s). These probes use up none of the retries, so the time before the check gives up
     * stays what the schedule says.
     */
    private static Optional<Probe.Outcome> quickProbes(Endpoint endpoint, ProbeSchedule schedule, StepContext step,
                                                       CompletableFuture<Void> cancelled, Probe probe, Duration window) {
        Instant until = Instant.now().plus(window);
        step.log().line("Not answering yet: probing again at short intervals for up to " + Probe.seconds(window));
        Duration gap = QUICK_FIRST;
        while (true) {
            Duration left = Duration.between(Instant.now(), until);
            if (left.compareTo(gap) <= 0) {
                pause(step, cancelled, left.isNegative() ? Duration.ZERO : left);
                return Optional.empty();
            }
            pause(step, cancelled, gap);
            Probe.Outcome outcome = probe.attempt(endpoint, min(schedule.timeout(),
                    Duration.between(Instant.now(), until).plus(QUICK_FIRST)), cancelled);
            step.cancellation().throwIfCancelled();
            if (outcome.ok()) {
                return Optional.of(outcome);
            }
            gap = min(gap.multipliedBy(2), QUICK_MAX);
        }
    }

    private static void pause(StepContext step, CompletableFuture<Void> cancelled, Duration d) {
        try {
            cancelled.get(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException waited) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCancelledException("The health check was interrupted.");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        step.cancellation().throwIfCancelled();
    }

    private static Duration remaining(Instant deadline) {
        Duration d = Duration.between(Instant.now(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
