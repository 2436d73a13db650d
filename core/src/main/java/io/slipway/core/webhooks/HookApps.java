package io.slipway.core.webhooks;

import io.slipway.core.apps.AppChanges;
import io.slipway.core.apps.StoredConfig;
import io.slipway.core.rules.DeploymentRules;
import io.slipway.core.rules.RuleService;
import io.slipway.core.rules.SourceApp;
import io.slipway.core.rules.SourceApps;
import io.slipway.core.secrets.SecretCipher;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * What the intake needs to know about every app with a source: the source, the webhook secrets
 * and the rules. Kept in memory as a {@link Snapshot}, read again after any change this server
 * makes ({@link AppChanges}) and at the latest {@link #MAX_AGE_NANOS} after it was read, for
 * changes made by another server; a caller that finds no app, or a signature no remembered secret
 * verifies, asks for a {@link #reread()} before it answers. Decrypted secrets are kept by their
 * ciphertext (a new secret is a new ciphertext), so a delivery costs one AES operation only the
 * first time.
 */
final class HookApps {
    private static final String SELECT = "SELECT a.id, a.name, e.extension_id, e.config_json, e.config_version, "
            + "s.secret_enc, r.rules_json, r.previews FROM apps a "
            + "JOIN app_extensions e ON e.app_id = a.id AND e.point = 'source' "
            + "LEFT JOIN app_webhook_secrets s ON s.app_id = a.id "
            + "LEFT JOIN app_deploy_rules r ON r.app_id = a.id";
    private static final int CACHE = 4096;
    /** How long a snapshot serves: the longest another server's change of an app goes unseen. */
    static final long MAX_AGE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    /**
     * The secret field a source plugin may keep in the app's source config (the github and gitlab
     * plugins do), used beside the app's own webhook secret.
     */
    static final String SOURCE_SECRET_FIELD = "webhookSecret";

    /** One app as a delivery sees it: every secret a delivery for it may be signed with. */
    record HookApp(SourceApp app, List<String> secrets, DeploymentRules rules, List<RepositoryName> repositories) {
        boolean deploys(RepositoryName repository) {
            return repositories.stream().anyMatch(n -> n.sameAs(repository));
        }
    }

    /**
     * Every app with a source as read at one moment; {@code justRead} when it was read for the
     * caller, so reading again could not show anything newer.
     */
    record Snapshot(List<HookApp> apps, boolean justRead) {
        List<HookApp> deploying(RepositoryName repository) {
            return apps.stream().filter(a -> a.deploys(repository)).toList();
        }
    }

    private record Kept(List<HookApp> apps, long stamp, long readAtNanos) {
    }

    private final Jdbi jdbi;
    private final SourceApps sources;
    private final RuleService rules;
    private final SecretCipher cipher;
    private final AppChanges changes;
    private final Map<String, Optional<String>> decrypted = new ConcurrentHashMap<>();
    /** The encrypted source-config secret, by the config's JSON text. */
    private final Map<String, Optional<String>> sourceSecrets = new ConcurrentHashMap<>();
    private final AtomicReference<Kept> kept = new AtomicReference<>();
    private final Object expiry = new Object();

    HookApps(Jdbi jdbi, SourceApps sources, RuleService rules, SecretCipher cipher, AppChanges changes) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /**
     * The kept snapshot while it is current, else a new one: one reader reads while the others
     * wait for it, so an expiry does not send every request thread to the database at once.
     */
    Snapshot current() {
        Kept k = kept.get();
        if (isCurrent(k)) {
            return new Snapshot(k.apps(), false);
        }
        synchronized (expiry) {
            k = kept.get();
            return isCurrent(k) ? new Snapshot(k.apps(), false) : read();
        }
    }

    /**
     * Reads every app now, for a caller whose kept snapshot may be older than what it was sent.
     * Not behind {@link #current()}'s lock: deliveries for repositories no app deploys come here
     * each time and must not hold up the others.
     */
    Snapshot reread() {
        return read();
    }

    private boolean isCurrent(Kept k) {
        return k != null && k.stamp() == changes.stamp() && System.nanoTime() - k.readAtNanos() < MAX_AGE_NANOS;
    }

    private Snapshot read() {
        long stamp = changes.stamp(); // before reading: a change committed meanwhile moves it on
        long at = System.nanoTime();
        List<HookApp> apps = List.copyOf(jdbi.withHandle(h -> h.createQuery(SELECT).map(this::row).list()));
        Kept read = new Kept(apps, stamp, at);
        // Reads may finish out of order: keep the one that began last.
        kept.accumulateAndGet(read, (old, now) -> old == null || now.readAtNanos() - old.readAtNanos() >= 0 ? now : old);
        return new Snapshot(apps, true);
    }

    private HookApp row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        SourceApp app = sources.sourceApp(rs);
        String rulesJson = rs.getString("rules_json");
        DeploymentRules r = rules.rulesOf(app, Optional.ofNullable(rulesJson), rulesJson != null && rs.getBoolean("previews"));
        List<String> secrets = new java.util.ArrayList<>(2);
        secret(rs.getString("secret_enc")).ifPresent(secrets::add);
        sourceSecret(rs.getString("config_json"), rs.getInt("config_version")).ifPresent(secrets::add);
        return new HookApp(app, List.copyOf(secrets), r, RepositoryNames.of(app));
    }

    private Optional<String> sourceSecret(String configJson, int version) {
        if (configJson == null || !configJson.contains(SOURCE_SECRET_FIELD)) {
            return Optional.empty();
        }
        Optional<String> encrypted = sourceSecrets.get(configJson);
        if (encrypted == null) {
            encrypted = Optional.ofNullable(StoredConfig.fromJson(configJson, version).encryptedSecrets()
                    .get(SOURCE_SECRET_FIELD));
            if (sourceSecrets.size() >= CACHE) {
                sourceSecrets.clear();
            }
            sourceSecrets.put(configJson, encrypted);
        }
        return encrypted.flatMap(this::secret).filter(v -> !v.isEmpty());
    }

    private Optional<String> secret(String encrypted) {
        if (encrypted == null) {
            return Optional.empty();
        }
        Optional<String> plain = decrypted.get(encrypted);
        if (plain == null) {
            plain = cipher.tryDecrypt(encrypted);
            if (decrypted.size() >= CACHE) {
                decrypted.clear();
            }
            decrypted.put(encrypted, plain);
        }
        return plain;
    }
}
