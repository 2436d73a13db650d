package io.slipway.core.pipeline.internal;

import static io.slipway.core.pipeline.internal.DeploymentRowMapper.at;

import com.fasterxml.jackson.core.type.TypeReference;
import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.NotificationRecord;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.pipeline.PipelineSettings;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.secrets.SecretCipher;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.DeploymentPhase;
import io.slipway.plugin.api.notify.Notifier;
import io.slipway.plugin.api.source.CommitStatus;
import io.slipway.plugin.api.source.CommitStatusPublisher;
import java.time.Clock;
import java.util.ArrayList;
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
 * Sends every phase change to the app's notifiers and to the source plugin's commit-status
 * publisher, on a thread of its own, retrying with exponential back-off. A failure is recorded in
 * {@code deployment_notifications} (shown on the deployment page) and never touches the deployment.
 */
public final class DeploymentNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentNotifications.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final PipelineApps apps;
    private final ExtensionRegistry registry;
    private final SecretCipher cipher;
    private final ExtensionInvoker calls;
    private final PipelineSettings settings;
    private final Clock clock;
    private final String publicUrl;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-notify");
        t.setDaemon(true);
        return t;
    });

    public DeploymentNotifications(Jdbi jdbi, PipelineApps apps, ExtensionRegistry registry, SecretCipher cipher,
                                   ExtensionInvoker calls, PipelineSettings settings, Clock clock, String publicUrl) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
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
        List<ChosenExtension> notifiers = notifiers(d.appId());
        // Resolving the app costs several queries: only when a commit-status publisher may want it.
        Optional<PipelineApp> app = registry.list(ExtensionPointId.STATUS).isEmpty() || d.revision().isEmpty()
                ? Optional.empty() : apps.find(d.appId());
        String url = publicUrl + "/deployments/" + d.id();
        DeploymentEvent event = new DeploymentEvent(String.valueOf(d.id()), d.app(), d.environment(), d.phase(),
                d.revision(), d.describeTrigger(), url, clock.instant(),
                d.phase() == DeploymentPhase.FAILED ? d.error() : Optional.empty());
        for (ChosenExtension n : notifiers) {
            Runnable send = () -> calls.call(n.registered(), Notifier.class, x -> {
                x.notify(event, n.config());
                return null;
            });
            deliver(d.id(), "notifier:" + n.id(), d.phase(), send);
        }
        Optional<ChosenExtension> source = app.flatMap(a -> a.extension(ExtensionPointId.SOURCE));
        Optional<RegisteredExtension> publisher = source.flatMap(s -> registry.list(ExtensionPointId.STATUS).stream()
                .filter(p -> p.pluginId().equals(s.registered().pluginId())).findFirst());
        if (publisher.isPresent() && d.revision().isPresent()) {
            CommitStatus status = new CommitStatus(source.get().config().text("url").orElse(d.app()),
                    d.revision().get(), state(d.phase()), d.phase() + (d.error().map(e -> ": " + e).orElse("")),
                    url, "slipway/" + d.environment(), d.environment());
            Config config = source.get().config();
            Runnable send = () -> calls.call(publisher.get(), CommitStatusPublisher.class, x -> {
                x.publish(status, config);
                return null;
            });
            deliver(d.id(), "status:" + publisher.get().id(), d.phase(), send);
        }
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

    /** The notifiers an app chose ({@code app_notifiers}); ones whose plugin is gone are skipped. */
    List<ChosenExtension> notifiers(long appId) {
        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("SELECT extension_id, config_json FROM "
                + "app_notifiers WHERE app_id = :app ORDER BY id").bind("app", appId).mapToMap().list());
        List<ChosenExtension> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String extensionId = String.valueOf(row.get("extension_id"));
            Optional<RegisteredExtension> ext = registry.find(ExtensionPointId.NOTIFIER, extensionId);
            if (ext.isEmpty()) {
                LOG.debug("Notifier {} of app {} is not installed; skipped", extensionId, appId);
                continue;
            }
            out.add(new ChosenExtension(ext.get(), parse(ext.get(), String.valueOf(row.get("config_json")))));
        }
        return out;
    }

    /** Reads {@code {"values": {...}, "secrets": {"name": "v1:..."}}}, the apps' stored-config format. */
    @SuppressWarnings("unchecked")
    private Config parse(RegisteredExtension ext, String json) {
        try {
            Map<String, Object> doc = DeploymentRowMapper.JSON.readValue(json, MAP);
            Map<String, Object> raw = new LinkedHashMap<>((Map<String, Object>) doc.getOrDefault("values", Map.of()));
            ((Map<String, String>) doc.getOrDefault("secrets", Map.of())).forEach((k, v) -> raw.put(k, cipher.decrypt(v)));
            return ext.extension().configSchema().parse(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A stored notifier config is not valid JSON", e);
        }
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
