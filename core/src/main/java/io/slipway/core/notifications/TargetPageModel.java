package io.slipway.core.notifications;

import io.slipway.core.InvalidInputException;
import io.slipway.core.SlipwayException;
import io.slipway.core.apps.ExtensionChoice;
import io.slipway.core.pages.View;
import io.slipway.core.pages.internal.ConfigFieldView;
import io.slipway.core.pages.internal.FormInput;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the notification pages (global and per app) share: the list of targets with their last
 * deliveries, the add-a-target form built from the notifier's schema, test and delete.
 * Form fields: {@code name}, {@code type}, {@code event.<id>} checkboxes, {@code config.<field>}.
 */
final class TargetPageModel {
    /** One target as its card shows it. */
    record Card(long id, String name, String type, String events, Optional<Delivery> lastFailure,
                List<Delivery> deliveries) {
    }

    /** One event checkbox of the form. */
    record EventBox(String id, String label, boolean checked) {
    }

    private final NotificationTargetService targets;
    private final ExtensionRegistry registry;

    TargetPageModel(NotificationTargetService targets, ExtensionRegistry registry) {
        this.targets = targets;
        this.registry = registry;
    }

    Response list(Optional<String> app, String notice, String problem, int status) {
        List<Card> cards = targets.list(app).stream().map(t -> new Card(t.id(), t.name(), t.notifier().type(),
                String.join(", ", t.events().stream().sorted().map(NotificationEvent::id).toList()),
                targets.lastFailure(t.id()), targets.deliveries(t.id(), 5))).toList();
        return View.of("notifications/targets")
                .with("app", app.orElse(null))
                .with("base", base(app))
                .with("targets", cards)
                .with("notifiers", registry.list(ExtensionPointId.NOTIFIER).stream()
                        .map(r -> new String[] {r.id(), r.extension().displayName()}).toList())
                .with("notice", notice)
                .with("problem", problem)
                .status(status)
                .response();
    }

    Response form(Optional<String> app, String type, FormInput input, Map<String, String> errors, int status) {
        Optional<RegisteredExtension> ext = registry.find(ExtensionPointId.NOTIFIER, type);
        if (ext.isEmpty()) {
            return list(app, null, "There is no notifier '" + type + "': choose one from the list.", 404);
        }
        List<ConfigFieldView> fields = new ArrayList<>();
        for (ConfigField f : ext.get().extension().configSchema().fields()) {
            String name = "config." + f.name();
            String value = f.isSecret() ? "" : input.get(name).orElse(f.defaultValue().orElse(""));
            fields.add(new ConfigFieldView(name, "field-" + f.name(), f.label(), f.type().name().toLowerCase(Locale.ROOT),
                    f.required(), f.help(), f.pattern().orElse(""), value, input.checked(name), false, f.choices(),
                    errors.getOrDefault(name, "")));
        }
        boolean fresh = !input.has("name");
        List<EventBox> events = Arrays.stream(NotificationEvent.values()).map(e -> new EventBox(e.id(),
                e.id().replace('_', ' '), fresh ? NotificationEvent.DEFAULTS.contains(e) : input.checked("event." + e.id())))
                .toList();
        return View.of("notifications/target-new")
                .with("app", app.orElse(null))
                .with("base", base(app))
                .with("type", type)
                .with("typeName", ext.get().extension().displayName())
                .with("name", input.get("name").orElse(""))
                .with("fields", fields)
                .with("events", events)
                .with("errors", errors)
                .status(status)
                .response();
    }

    Response create(Optional<String> app, String type, FormInput input) {
        Map<String, Object> config = new LinkedHashMap<>();
        registry.find(ExtensionPointId.NOTIFIER, type).ifPresent(ext -> {
            for (ConfigField f : ext.extension().configSchema().fields()) {
                String key = "config." + f.name();
                if (f.type() == io.slipway.plugin.api.config.FieldType.BOOLEAN) {
                    config.put(f.name(), input.checked(key));
                } else {
                    input.text(key).ifPresent(v -> config.put(f.name(), v));
                }
            }
        });
        List<String> events = Arrays.stream(NotificationEvent.values()).map(NotificationEvent::id)
                .filter(e -> input.checked("event." + e)).toList();
        try {
            NotificationTarget t = targets.create(app, new NotificationTargetBody(input.text("name").orElse(null),
                    new ExtensionChoice(type, config), events));
            return list(app, "Notification target " + t.name() + " added. Send a test notification to check it.", null, 201);
        } catch (InvalidInputException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError f : e.errors()) {
                String key = f.field().startsWith("notifier.config.") ? "config." + f.field().substring(16) : f.field();
                errors.merge(key, f.message(), (a, b) -> a + "; " + b);
            }
            return form(app, type, input, errors, 400);
        } catch (SlipwayException e) {
            return form(app, type, input, Map.of("name", e.getMessage()), e.status());
        }
    }

    Response test(Optional<String> app, long id) {
        Delivery d = targets.test(id, "ui");
        if (d.status().equals("SENT")) {
            return list(app, "Test notification sent to " + targets.get(id).name() + ".", null, 200);
        }
        return list(app, null, "The test notification failed: " + d.lastError().orElse("no reason was given"), 200);
    }

    Response delete(Optional<String> app, long id) {
        String name = targets.get(id).name();
        targets.delete(id);
        return list(app, "Notification target " + name + " removed.", null, 200);
    }

    /** A target addressed under an app's page must belong to that app. */
    void checkScope(Optional<String> app, long id) {
        NotificationTarget t = targets.get(id);
        if (!t.app().equals(app)) {
            throw new io.slipway.core.NotFoundException("Notification target", String.valueOf(id));
        }
    }

    private static String base(Optional<String> app) {
        return app.map(a -> "/apps/" + a + "/notifications").orElse("/notifications");
    }
}
