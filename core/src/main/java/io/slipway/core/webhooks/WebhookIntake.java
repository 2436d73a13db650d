package io.slipway.core.webhooks;

import io.slipway.core.SlipwayException;
import io.slipway.core.persistence.GroupCommit;
import io.slipway.core.projects.ForeignKeyViolation;
import io.slipway.core.projects.UniqueViolation;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.previews.PreviewService;
import io.slipway.core.rules.PlannedDeployment;
import io.slipway.core.rules.RuleDecision;
import io.slipway.core.rules.RuleMatcher;
import io.slipway.core.rules.RuleService;
import io.slipway.core.rules.SourceApp;
import io.slipway.core.rules.SourceApps;
import io.slipway.core.pipeline.DeploymentService;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.source.TriggerEvent;
import io.slipway.plugin.api.source.WebhookReceiver;
import io.slipway.plugin.api.source.WebhookRequest;
import io.slipway.plugin.api.source.WebhookSecrets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one delivery to {@code /hooks/<plugin>}: the plugin's {@link WebhookReceiver} verifies
 * and parses it (with the secrets of the apps deploying the repository it names), the delivery id
 * is claimed once (a redelivery answers "duplicate" and deploys nothing), each app's rules decide
 * what deploys, and deployments are queued. Nothing is queued for a delivery that was not verified.
 */
public final class WebhookIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
    /** Where GitHub, GitLab and others put a delivery's id; the first present wins. */
    static final List<String> DELIVERY_HEADERS = List.of("X-GitHub-Delivery", "X-Gitlab-Event-UUID",
            "X-Gitlab-Webhook-UUID", "Idempotency-Key", "X-Request-Id");
    static final List<String> EVENT_HEADERS = List.of("X-GitHub-Event", "X-Gitlab-Event", "X-Event-Key");

    private final ExtensionRegistry registry;
    private final ExtensionInvoker calls;
    private final HookApps apps;
    private final DeliveryStore deliveries;
    private final DeploymentService deployments;
    private final PreviewService previews;
    private final Clock clock;
    private final io.slipway.core.secrets.SecretCipher cipher;
    /** Every delivery's record and queued deployments commit in groups (see {@link GroupCommit}). */
    private final GroupCommit writes;
    private final ClaimedPush pushes;

    WebhookIntake(ExtensionRegistry registry, ExtensionInvoker calls, HookApps apps,
                  io.slipway.core.secrets.SecretCipher cipher, org.jdbi.v3.core.Jdbi jdbi,
                  DeploymentService deployments, PreviewService previews, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.deliveries = new DeliveryStore(jdbi);
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.previews = Objects.requireNonNull(previews, "previews");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.writes = new GroupCommit(jdbi, "webhooks", 256);
        this.pushes = new ClaimedPush(writes, deployments, clock);
    }

    @Override
    public void close() {
        writes.close();
    }

    /** Verified deliveries recorded so far (the bench counts them). */
    public long recordedDeliveries() {
        return deliveries.count();
    }

    public WebhookAnswer receive(String plugin, String path, Map<String, List<String>> headers, byte[] body) {
        return handle(new DeliveryTrace(plugin, path, headers, body, Optional.empty(), Optional.empty())).answer();
    }

    /**
     * Replays a recorded verified delivery of the app through the same path as a new one, for that
     * app alone and past the duplicate check; the replay is recorded as a new delivery.
     */
    Handled redeliver(long appId, StoredDelivery stored) {
        Map<String, List<String>> headers = DeliveryPayloads.headers(cipher, stored.headersEncrypted())
                .orElseThrow(() -> new io.slipway.core.ConflictException("Delivery " + stored.id() + " was kept "
                        + "under an encryption key this server no longer has: it cannot be redelivered; ask the "
                        + "provider to redeliver it instead."));
        return handle(new DeliveryTrace(stored.provider(), stored.path(), headers, stored.body(), Optional.of(appId),
                Optional.of(stored.id())));
    }

    /** What the intake answered, and the id of the delivery's record (empty when none was written). */
    record Handled(WebhookAnswer answer, Optional<Long> recordId) {
    }

    private Handled handle(DeliveryTrace t) {
        WebhookAnswer answer;
        try {
            answer = intake(t);
        } catch (RuntimeException e) {
            finish(t, WebhookAnswer.error(500, "internal_error", String.valueOf(e.getMessage())));
            throw e;
        }
        return new Handled(answer, finish(t, answer));
    }

    /** Writes the delivery's record: every delivery that concerned an app, or claimed its id, gets one. */
    private Optional<Long> finish(DeliveryTrace t, WebhookAnswer answer) {
        t.onlyApp.ifPresent(t.appIds::add); // a redelivery is always recorded for the app that asked for it
        String outcome = answer.outcome();
        String matched = String.join("; ", t.matched);
        if (t.claimed.isPresent()) {
            if (!t.completed) {
                boolean release = answer.status() >= 400 && t.queued.isEmpty() && !t.happened;
                long id = t.claimed.get();
                writes.run(h -> {
                    DeliveryStore.complete(h, id, outcome, answer.status(), matched, t.queued, release);
                    return id;
                });
                if (release) {
                    deliveries.released(t.plugin, t.deliveryId);
                }
            }
            return t.claimed;
        }
        if (t.appIds.isEmpty()) {
            return Optional.empty(); // no app's page would show it; strangers' requests must not fill the table
        }
        Optional<Boolean> valid = t.signatureValid;
        boolean keep = valid.orElse(false) && t.body.length <= DeliveryStore.MAX_STORED_BODY;
        DeliveryEntry entry = new DeliveryEntry(t.plugin, t.path, t.deliveryId, t.event, t.repository, valid,
                keep ? Optional.of(DeliveryPayloads.encryptHeaders(cipher, t.headers)) : Optional.empty(),
                keep ? Optional.of(t.body) : Optional.empty(), t.redeliveryOf, List.copyOf(t.appIds));
        try {
            return Optional.of(writes.run(h -> DeliveryStore.record(h, entry, clock.instant(), outcome,
                    answer.status(), matched, t.queued)));
        } catch (RuntimeException e) {
            if (!ForeignKeyViolation.isCauseOf(e)) {
                throw e;
            }
            return Optional.empty(); // its app was deleted meanwhile (by another server): no page would show it
        }
    }

    /** The apps deploying the repository the receiver asked secrets for. */
    static void concerns(DeliveryTrace t, SecretLookup lookup) {
        if (lookup.asked()) {
            t.concerns(lookup.repository(), lookup.appsFor(lookup.repository()));
        }
    }

    private WebhookAnswer intake(DeliveryTrace t) {
        String plugin = t.plugin;
        List<RegisteredExtension> receivers = registry.list(ExtensionPointId.WEBHOOK).stream()
                .filter(e -> e.pluginId().equals(plugin) || e.id().equals(plugin)).toList();
        if (receivers.isEmpty()) {
            return WebhookAnswer.error(404, "no_receiver", "No installed plugin receives webhooks at /hooks/" + plugin
                    + ": install and enable the plugin (e.g. github or gitlab), then point the webhook at its path.");
        }
        WebhookRequest request = new WebhookRequest(t.path, t.headers, t.body);
        t.deliveryId = DELIVERY_HEADERS.stream().map(request::header).flatMap(Optional::stream)
                .filter(s -> !s.isBlank()).findFirst().orElse("");
        t.event = eventName(request, "");
        SecretLookup lookup = new SecretLookup(apps, t.onlyApp);
        RegisteredExtension receiver = receivers.get(0);
        Received received;
        try {
            received = receive(receiver, request, lookup);
        } catch (StepFailedException e) {
            if (!lookup.mayBeStale() || Refusals.rejection(e).filter(r -> r.status() == 401).isEmpty()) {
                return Refusals.answer(t, lookup, e);
            }
            lookup = lookup.rereading(); // the secret may have changed on another server
            try {
                received = receive(receiver, request, lookup);
            } catch (StepFailedException again) {
                return Refusals.answer(t, lookup, again);
            }
        }
        concerns(t, lookup);
        List<TriggerEvent> events = received.events();
        if ((events == null || events.isEmpty()) && lookup.asked() && lookup.matchedNone()) {
            return WebhookAnswer.of(202, "no_app", "No app deploys repository " + lookup.repository() + ": nothing to do.");
        }
        if ((events == null || events.isEmpty()) && lookup.asked() && lookup.secretsOffered() == 0) {
            t.signatureValid = Optional.empty();
            return Refusals.noSecret(lookup); // nothing to verify with: the delivery is unverified
        }
        if (lookup.asked() && lookup.secretsOffered() > 0) {
            t.signatureValid = Optional.of(true); // the receiver asked for secrets and accepted the delivery
        }
        Optional<String> id = received.deliveryId() == null ? Optional.empty() : received.deliveryId();
        String name = received.eventName();
        if (name != null && !name.isBlank()) {
            t.event = name;
        }
        if (events == null || events.isEmpty()) {
            id.filter(s -> !s.isBlank()).ifPresent(s -> t.deliveryId = s);
            return WebhookAnswer.of(202, "ignored", "Nothing to deploy in this " + eventName(request, "delivery") + ".");
        }
        String deliveryId = id.filter(s -> !s.isBlank()).or(() -> DELIVERY_HEADERS.stream().map(request::header)
                .flatMap(Optional::stream).filter(s -> !s.isBlank()).findFirst()).orElse(events.get(0).deliveryId());
        String event = name == null || name.isBlank() ? eventName(request, events.get(0).kind().name().toLowerCase()) : name;
        t.deliveryId = deliveryId;
        t.event = event;
        t.repository = events.get(0).repository();
        return act(t, plugin, deliveryId, event, events, lookup);
    }

    /** One call (one plugin lease) for all three: this runs for every delivery. */
    private Received receive(RegisteredExtension receiver, WebhookRequest request, SecretLookup lookup) {
        return calls.call(receiver, WebhookReceiver.class, r -> new Received(r.receive(request, lookup),
                r.deliveryId(request), r.eventName(request)));
    }

    private WebhookAnswer act(DeliveryTrace t, String plugin, String deliveryId, String eventName, List<TriggerEvent> events,
                              SecretLookup lookup) {
        List<Planned> planned = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean anyApp = false;
        for (TriggerEvent event : events) {
            if (!lookup.vouchesFor(event.repository())) {
                // Verified with the secrets of another repository than the event names: a receiver
                // bug must not let one repository's secret deploy another's apps.
                LOG.warn("Plugin {} returned an event for {} after verifying with the secrets of {}: ignored", plugin,
                        event.repository(), lookup.repository());
                reasons.add(event.repository() + ": not the repository the signature was checked for");
                continue;
            }
            for (HookApps.HookApp hooked : lookup.appsFor(event.repository())) {
                anyApp = true;
                SourceApp app = hooked.app();
                t.appIds.add(app.id());
                RuleDecision d = RuleMatcher.decide(hooked.rules(), event);
                if (d.isNothing()) {
                    reasons.add(app.name() + ": " + d.reason());
                    t.matched.add(app.name() + ": " + d.reason());
                } else {
                    d.deployments().forEach(p -> t.matched.add(app.name() + ": " + p.rule() + " -> " + p.environment()));
                    d.removePreview().ifPresent(p -> t.matched.add(app.name() + ": remove " + p));
                    planned.add(new Planned(app, event, d, hooked.rules().limits()));
                }
            }
        }
        if (!anyApp) {
            return WebhookAnswer.of(202, "no_app", "No app deploys repository " + events.get(0).repository()
                    + ": nothing to do.");
        }
        if (planned.isEmpty()) {
            return WebhookAnswer.of(202, "ignored", String.join("; ", reasons));
        }
        if (deliveryId.isBlank() || t.redeliveryOf.isPresent()) {
            t.claimed = Optional.empty(); // nothing to claim, or a redelivery asked for on purpose
        } else {
            if (deliveries.claimedHere(plugin, deliveryId)) {
                return duplicate(t, deliveryId); // before encrypting headers a redelivery never stores
            }
            boolean keep = t.signatureValid.orElse(false) && t.body.length <= DeliveryStore.MAX_STORED_BODY;
            DeliveryEntry entry = new DeliveryEntry(plugin, t.path, deliveryId, eventName, events.get(0).repository(),
                    t.signatureValid, keep ? Optional.of(DeliveryPayloads.encryptHeaders(cipher, t.headers))
                    : Optional.empty(), keep ? Optional.of(t.body) : Optional.empty(), Optional.empty(),
                    List.copyOf(t.appIds));
            if (planned.stream().allMatch(Planned::plain)) {
                return claimAndQueue(t, plugin, entry, planned);
            }
            try {
                t.claimed = Optional.of(writes.run(h -> DeliveryStore.claim(h, entry, clock.instant(), "received", 0, "",
                        List.of())));
                deliveries.claimedNow(entry);
            } catch (RuntimeException e) {
                if (!UniqueViolation.isCauseOf(e)) {
                    throw e;
                }
                return duplicate(t, deliveryId);
            }
        }
        List<Long> queued = t.queued;
        List<String> removed = new ArrayList<>();
        List<String> heldBack = new ArrayList<>();
        try {
            for (Planned p : planned) {
                run(plugin, p, queued, removed, heldBack);
            }
        } catch (SlipwayException e) {
            t.happened = !removed.isEmpty() || !heldBack.isEmpty();
            return WebhookAnswer.error(e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            t.happened = !removed.isEmpty() || !heldBack.isEmpty();
            throw e;
        }
        t.happened = true;
        return WebhookAnswer.queued(deliveryId, queued, removed, heldBack, "Queued " + queued.size() + " deployment(s)"
                + (removed.isEmpty() ? "" : ", removed " + String.join(", ", removed))
                + (heldBack.isEmpty() ? "" : ", held back " + String.join(", ", heldBack) + " (preview limit)") + ".");
    }

    /** A push that only queues deployments: see {@link ClaimedPush}. */
    private WebhookAnswer claimAndQueue(DeliveryTrace t, String plugin, DeliveryEntry entry, List<Planned> planned) {
        List<ClaimedPush.ToQueue> wanted = new ArrayList<>();
        for (Planned p : planned) {
            for (PlannedDeployment d : p.decision().deployments()) {
                wanted.add(new ClaimedPush.ToQueue(p.app().id(), p.app().name(), d.environment(), d.ref(),
                        p.event().commitId(), by(plugin, p.event())));
            }
        }
        ClaimedPush.Queued queued;
        try {
            queued = pushes.claimAndQueue(entry, String.join("; ", t.matched), wanted);
        } catch (SlipwayException e) {
            return WebhookAnswer.error(e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            if (ForeignKeyViolation.isCauseOf(e)) {
                return deleted(t, entry.repository()); // an app kept in memory was deleted on another server
            }
            if (!UniqueViolation.isCauseOf(e)) {
                throw e;
            }
            return duplicate(t, entry.deliveryId());
        }
        deliveries.claimedNow(entry);
        t.claimed = Optional.of(queued.recordId());
        t.completed = true;
        t.happened = true;
        t.queued.addAll(queued.deployments());
        return WebhookAnswer.queued(entry.deliveryId(), t.queued, List.of(), List.of(), "Queued " + t.queued.size()
                + " deployment(s).");
    }

    private static WebhookAnswer duplicate(DeliveryTrace t, String deliveryId) {
        t.matched.clear();
        return WebhookAnswer.of(200, "duplicate", "Delivery " + deliveryId + " was received before: nothing new is "
                + "deployed.");
    }

    private static WebhookAnswer deleted(DeliveryTrace t, String repository) {
        t.matched.clear();
        t.appIds.clear(); // nothing to record the delivery against
        return WebhookAnswer.of(202, "no_app", "No app deploys repository " + repository + " any more: nothing to do.");
    }

    private static String by(String plugin, TriggerEvent e) {
        return plugin + " " + e.kind().name().toLowerCase() + " by " + e.sender();
    }

    private void run(String plugin, Planned p, List<Long> queued, List<String> removed, List<String> heldBack) {
        TriggerEvent e = p.event();
        String by = by(plugin, e);
        for (PlannedDeployment d : p.decision().deployments()) {
            if (d.preview()) {
                Optional<io.slipway.core.pipeline.Deployment> preview = previews.deploy(p.app(), p.limits(),
                        e.repository(), e.pullRequest().orElseThrow(), d.ref(), e.commitId(), by);
                if (preview.isPresent()) {
                    queued.add(preview.get().id());
                } else {
                    heldBack.add(p.app().name() + "/" + d.environment());
                }
            } else {
                queued.add(deployments.queueTriggered(p.app().id(), d.environment(), d.ref(),
                        Optional.of(e.commitId()), "webhook", by).id());
            }
        }
        if (p.decision().removePreview().isPresent() && e.pullRequest().isPresent()
                && previews.remove(p.app(), e.pullRequest().get())) {
            removed.add(p.app().name() + "/" + p.decision().removePreview().get());
        }
    }

    private static String eventName(WebhookRequest request, String fallback) {
        return EVENT_HEADERS.stream().map(request::header).flatMap(Optional::stream).findFirst().orElse(fallback);
    }

    private record Planned(SourceApp app, TriggerEvent event, RuleDecision decision,
                           io.slipway.core.rules.PreviewLimits limits) {
        /** Only deployments to queue: no preview to start or remove. */
        boolean plain() {
            return decision.removePreview().isEmpty() && decision.deployments().stream().noneMatch(PlannedDeployment::preview);
        }
    }

    private record Received(List<TriggerEvent> events, Optional<String> deliveryId, String eventName) {
    }
}
