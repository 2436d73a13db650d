package io.slipway.core.pipeline.internal;

import static io.slipway.core.pipeline.internal.DeploymentRowMapper.at;

import io.slipway.core.notifications.CommitLinks;
import io.slipway.core.notifications.NotificationDispatcher;
import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.NotificationRecord;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.pipeline.PipelineSettings;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.notify.DeploymentDetails;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.DeploymentPhase;
import io.slipway.plugin.api.source.CommitStatus;
import io.slipway.plugin.api.source.CommitStatusPublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every phase change to the notification targets that subscribed to it (through
 * {@link NotificationDispatcher}, which retries and records each delivery) and to the source
 * plugin's commit-status publisher, on a thread of its own, retrying with exponential back-off. A
 * failure is recorded in {@code deployment_notifications} (shown on the deployment page) and never
 * touches the deployment.
 */
public final class DeploymentNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentNotifications.class);
    /** How many of a failed deployment's last log lines an event carries. */
    private static final int LOG_TAIL = 20;

    private final Jdbi jdbi;
    private final PipelineApps apps;
    private final ExtensionRegistry registry;
    private final NotificationDispatcher targets;
    private final DeploymentLogFiles logFiles;
    private final ExtensionInvoker calls;
    private final PipelineSettings settings;
    private final Clock clock;
    private final String publicUrl;
    private final java.util.function.BiFunction<String, String, Optional<String>> environmentUrls;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-notify");
        t.setDaemon(true);
        return t;
    });

    public DeploymentNotifications(Jdbi jdbi, PipelineApps apps, ExtensionRegistry registry,
                                   NotificationDispatcher targets, DeploymentLogFiles logFiles, ExtensionInvoker calls,
                                   PipelineSettings settings, Clock clock, String publicUrl) {
        this(jdbi, apps, registry, targets, logFiles, calls, settings, clock, publicUrl, (app, env) -> Optional.empty());
    }

    /**
     * @param environmentUrls where an app's environment answers ({@code app, environment -> URL}),
     *        for commit statuses (a forge links the deployment to it)
     */
    public DeploymentNotifications(Jdbi jdbi, PipelineApps apps, ExtensionRegistry registry,
                                   NotificationDispatcher targets, DeploymentLogFiles logFiles, ExtensionInvoker calls,
                                   PipelineSettings settings, Clock clock, String publicUrl,
                                   java.util.function.BiFunction<String, String, Optional<String>> environmentUrls) {
        this.environmentUrls = Objects.requireNonNull(environmentUrls, "environmentUrls");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.logFiles = Objects.requireNonNull(logFiles, "logFiles");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Called after each committed phase change; returns at once. */
    public void phaseChanged(Deployment d) {
        sender.execute(() -> {
            try {
                fanOut(d);
            } catch (RuntimeException e) {
                LOG.warn("Could not send the events of deployment {}: {}", d.id(), e.getMessage());
            }
        });
    }

    private void fanOut(Deployment d) {
        String eventName = DeploymentDetails.eventOf(d.phase());
        boolean wanted = targets.wants(d.appId(), eventName);
        // Resolving the app costs several queries: only when a target or a commit-status publisher may want it.
        Optional<PipelineApp> app = d.revision().isEmpty() || !(wanted || !registry.list(ExtensionPointId.STATUS).isEmpty())
                ? Optional.empty() : apps.find(d.appId());
        String url = publicUrl + "/deployments/" + d.id();
        if (wanted) {
            targets.publish(d.appId(), new DeploymentEvent(String.valueOf(d.id()), d.app(), d.environment(), d.phase(),
                    d.revision(), d.describeTrigger(), url, clock.instant(),
                    d.phase() == DeploymentPhase.FAILED ? d.error() : Optional.empty(), details(d, eventName, app)));
        }
        Optional<ChosenExtension> source = app.flatMap(a -> a.extension(ExtensionPointId.SOURCE));
        Optional<RegisteredExtension> publisher = source.flatMap(s -> registry.list(ExtensionPointId.STATUS).stream()
                .filter(p -> p.pluginId().equals(s.registered().pluginId())).findFirst());
        if (publisher.isPresent() && d.revision().isPresent()) {
            CommitStatus status = new CommitStatus(source.get().config().text("url").orElse(d.app()),
                    d.revision().get(), state(d.phase()), d.phase() + (d.error().map(e -> ": " + e).orElse("")),
                    url, "slipway/" + d.environment(), d.environment(), environmentUrls.apply(d.app(), d.environment()),
                    previewNumber(d.environment()));
            Config config = source.get().config();
            Runnable send = () -> calls.call(publisher.get(), CommitStatusPublisher.class, x -> {
                x.publish(status, config);
                return null;
            });
            deliver(d.id(), "status:" + publisher.get().id(), d.phase(), send);
        }
    }

    /** The pull/merge request whose preview environment ({@code pr-<n>}) this is. */
    private static Optional<Integer> previewNumber(String environment) {
        if (!environment.matches("pr-[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(environment.substring(3)));
    }

    private static CommitStatus.State state(DeploymentPhase phase) {
        return switch (phase) {
            case ACTIVE -> CommitStatus.State.SUCCESS;
            case FAILED, ROLLED_BACK -> CommitStatus.State.FAILURE;
            case CANCELLED, SUPERSEDED -> CommitStatus.State.ERROR;
            default -> CommitStatus.State.PENDING;
        };
    }

    private void deliver(long deploymentId, String target, DeploymentPhase phase, Runnable send) {
        long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO deployment_notifications (deployment_id, target, "
                        + "phase, status, attempts, updated_at) VALUES (:d, :t, :p, 'PENDING', 0, :now)")
                .bind("d", deploymentId).bind("t", target).bind("p", phase.name()).bind("now", at(clock.instant()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        attempt(id, target, send, 1);
    }

    private void attempt(long id, String target, Runnable send, int attempt) {
        try {
            send.run();
            record(id, "SENT", attempt, null);
        } catch (RuntimeException e) {
            boolean again = attempt < settings.notifyAttempts();
            record(id, again ? "PENDING" : "FAILED", attempt, e.getMessage() == null ? e.toString() : e.getMessage());
            if (again) {
                long delay = settings.notifyBackoff().toMillis() << (attempt - 1);
                sender.schedule(() -> attempt(id, target, send, attempt + 1), delay, TimeUnit.MILLISECONDS);
            } else {
                LOG.warn("Gave up sending event {} to {} after {} attempts: {}", id, target, attempt, e.getMessage());
            }
        }
    }

    private void record(long id, String status, int attempts, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deployment_notifications SET status = :s, attempts = :a, "
                        + "last_error = :e, updated_at = :now WHERE id = :id")
                .bind("s", status).bind("a", attempts).bind("e", error).bind("now", at(clock.instant())).bind("id", id)
                .execute());
    }

    /** Author, start, failing phase, last log lines (masked when written) and the commit's link. */
    private DeploymentDetails details(Deployment d, String eventName, Optional<PipelineApp> app) {
        Optional<String> author = jdbi.withHandle(h -> h.createQuery("SELECT commit_author FROM deployments WHERE id = :d")
                .bind("d", d.id()).mapTo(String.class).findOne());
        Optional<DeploymentPhase> failedIn = Optional.empty();
        List<String> tail = List.of();
        if (d.phase() == DeploymentPhase.FAILED) {
            failedIn = jdbi.withHandle(h -> h.createQuery("SELECT phase FROM deployment_phase_runs WHERE deployment_id = :d "
                    + "AND phase <> 'FAILED' ORDER BY id DESC").bind("d", d.id()).setMaxRows(1).mapTo(String.class)
                    .findFirst()).map(DeploymentPhase::valueOf);
            tail = logTail(logFiles.path(d.id()));
        }
        Map<String, String> links = new LinkedHashMap<>();
        Optional<String> sourceUrl = app.flatMap(a -> a.extension(ExtensionPointId.SOURCE))
                .flatMap(s -> s.config().text("url"));
        sourceUrl.flatMap(CommitLinks::repository).ifPresent(r -> links.put(DeploymentDetails.SOURCE_LINK, r));
        sourceUrl.flatMap(u -> d.revision().flatMap(rev -> CommitLinks.commit(u, rev)))
                .ifPresent(c -> links.put(DeploymentDetails.COMMIT_LINK, c));
        return new DeploymentDetails(eventName, author.filter(a -> !a.isBlank()), d.commitMessage(), d.startedAt(),
                failedIn, tail, links);
    }

    /** The last lines of a log without their timestamps ("[BUILDING] text"); empty when unreadable. */
    private static List<String> logTail(Path log) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        Deque<String> last = new ArrayDeque<>();
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                last.addLast(line.indexOf(' ') > 0 ? line.substring(line.indexOf(' ') + 1) : line);
                if (last.size() > LOG_TAIL) {
                    last.removeFirst();
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("Could not read the log tail of {}: {}", log, e.getMessage());
            return List.of();
        }
        return List.copyOf(last);
    }

    public List<NotificationRecord> of(long deploymentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deployment_notifications WHERE deployment_id = :d "
                        + "ORDER BY id").bind("d", deploymentId)
                .map((rs, ctx) -> new NotificationRecord(rs.getLong("id"), rs.getLong("deployment_id"),
                        rs.getString("target"), rs.getString("phase"), rs.getString("status"), rs.getInt("attempts"),
                        Optional.ofNullable(rs.getString("last_error")),
                        rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant()))
                .list());
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
