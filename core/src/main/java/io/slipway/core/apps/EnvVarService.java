package io.slipway.core.apps;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.projects.UniqueViolation;
import io.slipway.core.secrets.SecretCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * An app's environment variables. Secret values are encrypted at rest and never returned, except
 * decrypted to the pipeline through {@link #resolved(String)}.
 */
public final class EnvVarService {
    private final Jdbi jdbi;
    private final SecretCipher cipher;

    public EnvVarService(Jdbi jdbi, SecretCipher cipher) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** @throws NotFoundException when there is no such app */
    public List<EnvVarView> list(String app) {
        return jdbi.withHandle(h -> EnvVarStore.list(h, AppStore.require(h, app).id()).stream()
                .map(EnvVarService::view).toList());
    }

    /**
     * Sets one variable. A secret's value may be left out to change only its build-time flag.
     *
     * @throws NotFoundException when there is no such app
     * @throws InvalidInputException naming {@code name} or {@code value}
     */
    public EnvVarView put(String app, String name, EnvVarInput input) {
        Objects.requireNonNull(input, "input");
        EnvVarNames.check("name", name).ifPresent(e -> {
            throw new InvalidInputException(List.of(e));
        });
        try {
            return jdbi.inTransaction(h -> put(h, app, name, input));
        } catch (RuntimeException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw new ConflictException("Environment variable '" + name + "' was changed at the same time: try again.");
            }
            throw e;
        }
    }

    private EnvVarView put(Handle h, String app, String name, EnvVarInput input) {
        long appId = AppStore.require(h, app).id();
        Optional<EnvVarStore.Row> old = EnvVarStore.find(h, appId, name);
        String stored;
        if (input.value() != null) {
            stored = input.isSecret() ? cipher.encrypt(input.value()) : input.value();
        } else if (input.isSecret() && old.isPresent() && old.get().secret()) {
            stored = old.get().value();
        } else {
            throw InvalidInputException.field("value", "is required");
        }
        EnvVarStore.Row row = new EnvVarStore.Row(name, stored, input.isSecret(), input.isBuildTime());
        EnvVarStore.put(h, appId, row);
        return view(row);
    }

    /** @throws NotFoundException when there is no such app or variable */
    public void delete(String app, String name) {
        jdbi.useTransaction(h -> {
            long appId = AppStore.require(h, app).id();
            if (!EnvVarNames.isValid(name) || !EnvVarStore.delete(h, appId, name)) {
                throw new NotFoundException("Environment variable", name);
            }
        });
    }

    /** Every variable with its value decrypted, for the pipeline. */
    public List<EnvVar> resolved(String app) {
        return jdbi.withHandle(h -> {
            List<EnvVar> out = new ArrayList<>();
            for (EnvVarStore.Row r : EnvVarStore.list(h, AppStore.require(h, app).id())) {
                out.add(new EnvVar(r.name(), r.secret() ? cipher.decrypt(r.value()) : r.value(), r.secret(), r.buildTime()));
            }
            return out;
        });
    }

    private static EnvVarView view(EnvVarStore.Row r) {
        return new EnvVarView(r.name(), r.secret() ? Optional.empty() : Optional.of(r.value()), r.secret(), r.buildTime());
    }
}
