package io.slipway.core.webhooks;

import io.slipway.core.InvalidInputException;
import io.slipway.core.apps.AppChanges;
import io.slipway.core.projects.SqlTimes;
import io.slipway.core.rules.SourceApps;
import io.slipway.core.secrets.SecretCipher;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Each app's webhook secret (what GitHub calls the webhook "secret", GitLab the "secret token"),
 * encrypted at rest. Generated on request and shown once, or set to a value of the user's.
 */
public final class WebhookSecretService {
    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 256;

    private final Jdbi jdbi;
    private final SourceApps apps;
    private final SecretCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AppChanges changes;

    /** @param changes moved on by every change of a secret (see {@link AppChanges}) */
    public WebhookSecretService(Jdbi jdbi, SourceApps apps, SecretCipher cipher, Clock clock, AppChanges changes) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new random secret for the app, replacing any old one; the only time it is shown. */
    public String generate(String app) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String secret = HexFormat.of().formatHex(b);
        store(apps.require(app).id(), secret);
        return secret;
    }

    /** @throws InvalidInputException naming {@code secret} when it is too short, too long or not printable */
    public void set(String app, String secret) {
        if (secret == null || secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH
                || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw InvalidInputException.field("secret", "must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " printable ASCII characters without spaces (or POST to generate one)");
        }
        store(apps.require(app).id(), secret);
    }

    public void remove(String app) {
        long id = apps.require(app).id();
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM app_webhook_secrets WHERE app_id = :a").bind("a", id).execute());
        changes.changed();
    }

    /** When the app's secret was set, if it has one. */
    public Optional<Instant> setAt(String app) {
        long id = apps.require(app).id();
        return jdbi.withHandle(h -> h.createQuery("SELECT created_at FROM app_webhook_secrets WHERE app_id = :a")
                .bind("a", id).map((rs, ctx) -> SqlTimes.read(rs, "created_at")).findOne());
    }

    private void store(long appId, String secret) {
        String enc = cipher.encrypt(secret);
        Instant now = SqlTimes.now(clock);
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE app_webhook_secrets SET secret_enc = :s, created_at = :t WHERE app_id = :a")
                    .bind("s", enc).bind("t", SqlTimes.bind(now)).bind("a", appId).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO app_webhook_secrets (app_id, secret_enc, created_at) VALUES (:a, :s, :t)")
                        .bind("s", enc).bind("t", SqlTimes.bind(now)).bind("a", appId).execute();
            }
        });
        changes.changed();
    }
}
