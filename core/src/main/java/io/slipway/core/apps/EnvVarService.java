package io.slipway.core.apps;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.projects.UniqueViolation;
import io.slipway.core.secrets.SecretCipher;
import io.slipway.plugin.api.config.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * An app's environment variables, and each environment's own overrides of them (a preview that
 * needs another database URL, say): a deployment to an environment gets the app's variables with
 * that environment's laid over them by name. Secret values are encrypted at rest and never
 * returned, except decrypted to the pipeline through {@link #resolved(String, String)}.
 */
public final class EnvVarService {
    /** Longer values are refused: a variable is not a place for files. */
    public static final int MAX_VALUE_LENGTH = 65_536;

    private final Jdbi jdbi;
    private final SecretCipher cipher;

    public EnvVarService(Jdbi jdbi, SecretCipher cipher) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** @throws NotFoundException when there is no such app */
    public List<EnvVarView> list(String app) {
        return list(h -> ofApp(h, app));
    }

    /**
     * An environment's own variables (its overrides), not the app's it inherits.
     *
     * @throws NotFoundException when there is no such app or environment
     */
    public List<EnvVarView> list(String app, String environment) {
        return list(h -> ofEnvironment(h, app, environment));
    }

    /**
     * Sets one variable. A secret's value may be left out to change only its build-time flag.
     *
     * @throws NotFoundException when there is no such app
     * @throws InvalidInputException naming {@code name} or {@code value}
     */
    public EnvVarView put(String app, String name, EnvVarInput input) {
        return put(name, input, h -> ofApp(h, app));
    }

    /**
     * Sets one variable of an environment, overriding the app's of that name there.
     *
     * @throws NotFoundException when there is no such app or environment
     * @throws InvalidInputException naming {@code name} or {@code value}
     */
    public EnvVarView put(String app, String environment, String name, EnvVarInput input) {
        return put(name, input, h -> ofEnvironment(h, app, environment));
    }

    /** @throws NotFoundException when there is no such app or variable */
    public void delete(String app, String name) {
        delete(name, h -> ofApp(h, app));
    }

    /**
     * Removes an environment's override; the app's variable of that name applies there again.
     *
     * @throws NotFoundException when there is no such app, environment or override
     */
    public void delete(String app, String environment, String name) {
        delete(name, h -> ofEnvironment(h, app, environment));
    }

    /** Every variable of the app with its value decrypted, for the pipeline. */
    public List<EnvVar> resolved(String app) {
        return jdbi.withHandle(h -> decrypted(EnvVarStore.list(h, ofApp(h, app))));
    }

    /**
     * What a deployment to {@code environment} gets, decrypted: the app's variables with the
     * environment's overrides laid over them by name. An environment without a row of its own
     * (a name deployed to before it was listed) inherits the app's unchanged.
     *
     * @throws NotFoundException when there is no such app
     */
    public List<EnvVar> resolved(String app, String environment) {
        return jdbi.withHandle(h -> {
            EnvVarStore.Owner appOwner = ofApp(h, app);
            Map<String, EnvVarStore.Row> byName = new TreeMap<>();
            EnvVarStore.list(h, appOwner).forEach(r -> byName.put(r.name(), r));
            environmentId(h, appOwner.id(), environment).ifPresent(id ->
                    EnvVarStore.list(h, EnvVarStore.Owner.environment(id)).forEach(r -> byName.put(r.name(), r)));
            return decrypted(byName.values());
        });
    }

    private List<EnvVarView> list(Function<Handle, EnvVarStore.Owner> owner) {
        return jdbi.withHandle(h -> EnvVarStore.list(h, owner.apply(h)).stream().map(EnvVarService::view).toList());
    }

    private EnvVarView put(String name, EnvVarInput input, Function<Handle, EnvVarStore.Owner> owner) {
        Objects.requireNonNull(input, "input");
        List<FieldError> errors = new ArrayList<>();
        EnvVarNames.check("name", name).ifPresent(errors::add);
        if (input.value() != null && input.value().length() > MAX_VALUE_LENGTH) {
            errors.add(new FieldError("value", "must be at most " + MAX_VALUE_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        try {
            return jdbi.inTransaction(h -> put(h, owner.apply(h), name, input));
        } catch (RuntimeException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw new ConflictException("Environment variable '" + name + "' was changed at the same time: try again.");
            }
            throw e;
        }
    }

    private EnvVarView put(Handle h, EnvVarStore.Owner owner, String name, EnvVarInput input) {
        Optional<EnvVarStore.Row> old = EnvVarStore.find(h, owner, name);
        String stored;
        if (input.value() != null) {
            stored = input.isSecret() ? cipher.encrypt(input.value()) : input.value();
        } else if (input.isSecret() && old.isPresent() && old.get().secret()) {
            stored = old.get().value();
        } else {
            throw InvalidInputException.field("value", "is required");
        }
        EnvVarStore.Row row = new EnvVarStore.Row(name, stored, input.isSecret(), input.isBuildTime());
        EnvVarStore.put(h, owner, row);
        return view(row);
    }

    private void delete(String name, Function<Handle, EnvVarStore.Owner> owner) {
        jdbi.useTransaction(h -> {
            EnvVarStore.Owner o = owner.apply(h);
            if (!EnvVarNames.isValid(name) || !EnvVarStore.delete(h, o, name)) {
                throw new NotFoundException("Environment variable", name);
            }
        });
    }

    private List<EnvVar> decrypted(Iterable<EnvVarStore.Row> rows) {
        List<EnvVar> out = new ArrayList<>();
        for (EnvVarStore.Row r : rows) {
            out.add(new EnvVar(r.name(), r.secret() ? cipher.decrypt(r.value()) : r.value(), r.secret(), r.buildTime()));
        }
        return out;
    }

    private static EnvVarStore.Owner ofApp(Handle h, String app) {
        return EnvVarStore.Owner.app(AppStore.require(h, app).id());
    }

    private static EnvVarStore.Owner ofEnvironment(Handle h, String app, String environment) {
        long appId = AppStore.require(h, app).id();
        return EnvVarStore.Owner.environment(environmentId(h, appId, environment)
                .orElseThrow(() -> new NotFoundException("Environment", app + "/" + environment)));
    }

    private static Optional<Long> environmentId(Handle h, long appId, String environment) {
        return h.createQuery("SELECT id FROM environments WHERE app_id = :app AND name = :name")
                .bind("app", appId).bind("name", environment).mapTo(Long.class).findOne();
    }

    private static EnvVarView view(EnvVarStore.Row r) {
        return new EnvVarView(r.name(), r.secret() ? Optional.empty() : Optional.of(r.value()), r.secret(), r.buildTime());
    }
}
