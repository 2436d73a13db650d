package io.slipway.core.apps;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.projects.DnsLabel;
import io.slipway.core.projects.SqlTimes;
import io.slipway.core.projects.UniqueViolation;
import io.slipway.core.secrets.SecretCipher;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.config.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates, changes, lists and deletes apps and their extension choices.
 *
 * <p>Errors: what the input names (the {@code project} of a body, an extension type, a config
 * field) and does not exist or does not pass is an {@link InvalidInputException} naming the field
 * ({@code project}, {@code builder.type}, {@code builder.config.dockerfile}); the app the call is
 * about (a path) not existing is a {@link NotFoundException}; a taken name is a
 * {@link ConflictException}. Choices are optional at creation; deploying checks they are there.
 */
public final class AppService {
    private final Jdbi jdbi;
    private final ExtensionChoices choices;
    private final SecretCipher cipher;
    private final Clock clock;
    private final AppDeletionHook deletionHook;
    private final AppChanges changes;

    public AppService(Jdbi jdbi, ExtensionRegistry registry, SecretCipher cipher, Clock clock,
                      AppDeletionHook deletionHook) {
        this(jdbi, registry, cipher, clock, deletionHook, new AppChanges());
    }

    /** @param changes moved on after every write, for the caches of apps (see {@link AppChanges}) */
    public AppService(Jdbi jdbi, ExtensionRegistry registry, SecretCipher cipher, Clock clock,
                      AppDeletionHook deletionHook, AppChanges changes) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.choices = new ExtensionChoices(registry, cipher);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deletionHook = Objects.requireNonNull(deletionHook, "deletionHook");
    }

    /**
     * Creates an app with its {@code production} environment.
     *
     * @throws InvalidInputException listing every field that failed
     * @throws ConflictException when an app of that name exists in any project
     */
    public AppView create(AppInput input) {
        Objects.requireNonNull(input, "input");
        List<FieldError> errors = new ArrayList<>();
        String name = input.name().orElse(null);
        DnsLabel.check("name", name).ifPresent(errors::add);
        String project = input.project().orElse(null);
        DnsLabel.check("project", project).ifPresentOrElse(errors::add, () -> missingProject(project).ifPresent(errors::add));
        Map<String, StoredChoice> valid = validateChoices(input, Map.of(), errors);
        validateEnv(input.env(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = SqlTimes.now(clock);
        try {
            jdbi.useTransaction(h -> {
                long projectId = projectId(h, project);
                AppStore.find(h, name).ifPresent(a -> {
                    throw duplicate(a);
                });
                long id = AppStore.insert(h, projectId, name, now);
                valid.forEach((point, c) -> AppStore.putChoice(h, id, point, c));
                EnvironmentService.insert(h, id, Environment.PRODUCTION, now);
                EnvVarStore.putPlain(h, id, input.env(), cipher::encrypt);
            });
        } catch (RuntimeException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw new ConflictException("An app named '" + name + "' already exists; app names are unique"
                        + " across projects because they become host names.");
            }
            throw e;
        } finally {
            changes.changed();
        }
        return get(name);
    }

    /**
     * Changes what {@code patch} gives and leaves the rest. For a choice of the same type, secret
     * fields not given keep their stored value; a new type replaces the whole config.
     *
     * @throws NotFoundException when there is no such app
     * @throws InvalidInputException listing every field that failed
     */
    public AppView update(String name, AppInput patch) {
        Objects.requireNonNull(patch, "patch");
        try {
            jdbi.useTransaction(h -> apply(h, name, patch));
        } catch (RuntimeException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw new ConflictException("App '" + name + "' was changed at the same time: try again.");
            }
            throw e;
        } finally {
            changes.changed();
        }
        return get(name);
    }

    private void apply(Handle h, String name, AppInput patch) {
        AppStore.AppRow app = AppStore.require(h, name);
        Map<String, StoredChoice> current = AppStore.choices(h, List.of(app.id())).getOrDefault(app.id(), Map.of());
        List<FieldError> errors = new ArrayList<>();
        patch.name().filter(n -> !n.equals(name)).ifPresent(n -> errors.add(new FieldError("name",
                "cannot be changed (it is the app's host name); create a new app instead")));
        patch.project().ifPresent(p -> DnsLabel.check("project", p)
                .or(() -> AppStore.projectId(h, p).isPresent() ? Optional.empty() : Optional.of(noSuchProject(p)))
                .ifPresent(errors::add));
        Map<String, StoredChoice> valid = validateChoices(patch, current, errors);
        validateEnv(patch.env(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long projectId = patch.project().isPresent() ? projectId(h, patch.project().get()) : projectId(h, app.project());
        valid.forEach((point, c) -> AppStore.putChoice(h, app.id(), point, c));
        EnvVarStore.putPlain(h, app.id(), patch.env(), cipher::encrypt);
        AppStore.update(h, app.id(), projectId, SqlTimes.now(clock));
    }

    public Optional<AppView> find(String name) {
        if (!DnsLabel.isValid(name)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> AppStore.find(h, name).map(a -> views(h, List.of(a)).get(0)));
    }

    /** @throws NotFoundException when there is no such app */
    public AppView get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("App", name));
    }

    /** Every app by name, or those of one project. */
    public List<AppView> list(Optional<String> project) {
        return jdbi.withHandle(h -> views(h, AppStore.list(h, checkedProject(h, project), "", Integer.MAX_VALUE)));
    }

    /** @throws InvalidInputException naming {@code project} when the filter names no project */
    public Page<AppView> list(Optional<String> project, PageRequest page) {
        List<AppView> fetched = jdbi.withHandle(h -> views(h,
                AppStore.list(h, checkedProject(h, project), page.after().orElse(""), page.fetchSize())));
        return Page.of(fetched, page, AppView::name);
    }

    /**
     * Deletes the app with its choices, environments, variables and deployment records, after
     * {@link AppDeletionHook} has retired what runs for it.
     *
     * @throws NotFoundException when there is no such app
     */
    public void delete(String name) {
        AppView app = get(name);
        deletionHook.beforeDelete(app);
        try {
            jdbi.useTransaction(h -> AppStore.find(h, name).ifPresent(a -> AppStore.delete(h, a.id())));
        } finally {
            changes.changed();
        }
        deletionHook.afterDelete(app);
    }

    /**
     * The app's chosen extension for {@code point} with its typed config, secrets decrypted; empty
     * when the app has made no choice for it. For the pipeline.
     *
     * @throws NotFoundException when there is no such app
     * @throws ExtensionUnavailableException when the chosen extension is not installed or enabled
     * @throws StaleAppConfigException when the stored config no longer passes the extension's schema
     */
    public Optional<ResolvedExtension> resolvedExtension(String app, ExtensionPointId point) {
        Objects.requireNonNull(point, "point");
        StoredChoice stored = jdbi.withHandle(h -> {
            long id = AppStore.require(h, app).id();
            return AppStore.choices(h, List.of(id)).getOrDefault(id, Map.of()).get(point.id());
        });
        return Optional.ofNullable(stored).map(s -> choices.resolve(app, point, s));
    }

    private Map<String, StoredChoice> validateChoices(AppInput input, Map<String, StoredChoice> current,
                                                      List<FieldError> errors) {
        Map<String, StoredChoice> valid = new LinkedHashMap<>();
        input.extensions().forEach((pointId, choice) -> {
            Optional<ExtensionPointId> point = AppExtensionPoints.single(pointId);
            if (point.isEmpty()) {
                errors.add(new FieldError(pointId, "is not an extension point an app chooses; use "
                        + AppExtensionPoints.ids()));
                return;
            }
            choices.validate(point.get(), choice, Optional.ofNullable(current.get(pointId)), input.byAdmin(), errors)
                    .ifPresent(c -> valid.put(pointId, c));
        });
        return valid;
    }

    private static void validateEnv(Map<String, String> env, List<FieldError> errors) {
        env.forEach((k, v) -> {
            EnvVarNames.check("env." + k, k).ifPresent(errors::add);
            if (v == null) {
                errors.add(new FieldError("env." + k, "must be text"));
            }
        });
    }

    private Optional<FieldError> missingProject(String project) {
        return jdbi.withHandle(h -> AppStore.projectId(h, project)).isPresent()
                ? Optional.empty() : Optional.of(noSuchProject(project));
    }

    private static FieldError noSuchProject(String project) {
        return new FieldError("project", "names no project: create project '" + project
                + "' first (POST /api/v1/projects)");
    }

    private static long projectId(Handle h, String project) {
        return AppStore.projectId(h, project).orElseThrow(() -> new InvalidInputException(List.of(noSuchProject(project))));
    }

    private static Optional<String> checkedProject(Handle h, Optional<String> project) {
        project.ifPresent(p -> projectId(h, p));
        return project;
    }

    private static List<AppView> views(Handle h, List<AppStore.AppRow> rows) {
        Map<Long, Map<String, StoredChoice>> all = AppStore.choices(h, rows.stream().map(AppStore.AppRow::id).toList());
        List<AppView> out = new ArrayList<>();
        for (AppStore.AppRow r : rows) {
            Map<String, ExtensionChoiceView> ext = new LinkedHashMap<>();
            all.getOrDefault(r.id(), Map.of()).forEach((point, c) -> ext.put(point, c.view()));
            out.add(new AppView(r.name(), r.project(), ext, r.createdAt(), r.updatedAt()));
        }
        return out;
    }

    private static ConflictException duplicate(AppStore.AppRow existing) {
        return new ConflictException("An app named '" + existing.name() + "' already exists (in project '"
                + existing.project() + "'); app names are unique across projects because they become host names.");
    }
}
