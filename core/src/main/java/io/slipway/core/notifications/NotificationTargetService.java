package io.slipway.core.notifications;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.apps.ExtensionChoices;
import io.slipway.core.apps.StoredChoice;
import io.slipway.core.notifications.internal.DeliveryLog;
import io.slipway.core.notifications.internal.TargetStore;
import io.slipway.core.projects.SqlTimes;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.config.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Notification targets: global ones and per-app ones, each a notifier choice checked against the
 * notifier's schema (secrets encrypted, as for apps) and an event filter.
 */
public final class NotificationTargetService {
    private static final int NAME_MAX = 100;

    private final TargetStore store;
    private final DeliveryLog deliveries;
    private final ExtensionChoices choices;
    private final NotificationDispatcher dispatcher;
    private final NotificationSettings settings;
    private final Clock clock;

    public NotificationTargetService(TargetStore store, DeliveryLog deliveries, ExtensionChoices choices,
                                     NotificationDispatcher dispatcher, NotificationSettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.choices = Objects.requireNonNull(choices, "choices");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The global targets ({@code app} empty) or one app's. */
    public List<NotificationTarget> list(Optional<String> app) {
        return store.list(app.map(this::appId));
    }

    public NotificationTarget get(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Notification target", String.valueOf(id)));
    }

    /**
     * @throws InvalidInputException naming {@code name}, {@code events} or {@code notifier.*}
     * @throws ConflictException when the scope has a target of that name
     */
    public NotificationTarget create(Optional<String> app, NotificationTargetBody body) {
        if (body == null) {
            throw InvalidInputException.field("name", "is required");
        }
        Optional<Long> appId = app.map(this::appId);
        List<FieldError> errors = new ArrayList<>();
        String name = checkName(body.name(), errors);
        Set<NotificationEvent> events = checkEvents(body.events(), errors);
        Optional<StoredChoice> notifier = Optional.empty();
        if (body.notifier() == null) {
            errors.add(new FieldError("notifier", "is required: {\"type\": \"slack\", \"config\": {...}}"));
        } else {
            notifier = choices.validate(ExtensionPointId.NOTIFIER, body.notifier(), Optional.empty(), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (store.nameTaken(appId, name, -1)) {
            throw new ConflictException("A notification target named '" + name + "' exists already"
                    + app.map(a -> " for app '" + a + "'").orElse("") + ": choose another name.");
        }
        return get(store.insert(appId, name, notifier.orElseThrow(), events, SqlTimes.now(clock)));
    }

    /** Changes what the body gives; a secret not given again keeps its stored value. */
    public NotificationTarget update(long id, NotificationTargetBody body) {
        NotificationTarget current = get(id);
        if (body == null) {
            return current;
        }
        List<FieldError> errors = new ArrayList<>();
        String name = body.name() == null ? current.name() : checkName(body.name(), errors);
        Set<NotificationEvent> events = body.events() == null ? current.events() : checkEvents(body.events(), errors);
        Optional<StoredChoice> notifier = body.notifier() == null ? Optional.of(current.notifier())
                : choices.validate(ExtensionPointId.NOTIFIER, body.notifier(), Optional.of(current.notifier()), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (store.nameTaken(current.appId(), name, id)) {
            throw new ConflictException("A notification target named '" + name + "' exists already: choose another name.");
        }
        store.update(id, name, notifier.orElseThrow(), events, SqlTimes.now(clock));
        return get(id);
    }

    public void delete(long id) {
        if (!store.delete(id)) {
            throw new NotFoundException("Notification target", String.valueOf(id));
        }
    }

    /** Sends a test event, tried once, and waits for its outcome. */
    public Delivery test(long id, String requestedBy) {
        NotificationTarget target = get(id);
        long wait = settings.attemptTimeout().toMillis() + 5_000;
        try {
            return dispatcher.sendTest(target, requestedBy).get(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending a test notification", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The test notification did not finish in " + wait + " ms", e);
        }
    }

    /** A target's latest deliveries, newest first. */
    public List<Delivery> deliveries(long id, int limit) {
        return deliveries.ofTarget(get(id).id(), limit);
    }

    public Optional<Delivery> lastFailure(long id) {
        return deliveries.lastFailure(id);
    }

    private long appId(String app) {
        return store.appId(app).orElseThrow(() -> new NotFoundException("App", app));
    }

    private static String checkName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
            return "";
        }
        String n = name.strip();
        if (n.length() > NAME_MAX || n.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "must be one line of at most " + NAME_MAX + " characters"));
        }
        return n;
    }

    private static Set<NotificationEvent> checkEvents(List<String> given, List<FieldError> errors) {
        if (given == null) {
            return NotificationEvent.DEFAULTS;
        }
        Set<NotificationEvent> events = EnumSet.noneOf(NotificationEvent.class);
        for (String id : given) {
            Optional<NotificationEvent> e = NotificationEvent.fromId(String.valueOf(id));
            if (e.isEmpty()) {
                errors.add(new FieldError("events", "'" + id + "' is not an event; known: " + Arrays
                        .stream(NotificationEvent.values()).map(NotificationEvent::id).collect(Collectors.joining(", "))));
            } else {
                events.add(e.get());
            }
        }
        if (given.isEmpty()) {
            errors.add(new FieldError("events", "name at least one event, e.g. [\"failed\"]"));
        }
        return events;
    }
}
