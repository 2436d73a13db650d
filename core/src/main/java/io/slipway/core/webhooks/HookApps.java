package io.slipway.core.webhooks;

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
import org.jdbi.v3.core.Jdbi;

/**
 * What the intake needs to know about every app with a source, in one query per delivery: the
 * source, the webhook secret and the rules. Decrypted secrets are kept by their ciphertext (a new
 * secret is a new ciphertext), so a delivery costs one AES operation only the first time.
 */
final class HookApps {
    private static final String SELECT = "SELECT a.id, a.name, e.extension_id, e.config_json, e.config_version, "
            + "s.secret_enc, r.rules_json, r.previews FROM apps a "
            + "JOIN app_extensions e ON e.app_id = a.id AND e.point = 'source' "
            + "LEFT JOIN app_webhook_secrets s ON s.app_id = a.id "
            + "LEFT JOIN app_deploy_rules r ON r.app_id = a.id";
    private static final int CACHE = 4096;

    /**
     * The secret field a source plugin may keep in the app's source config (the github and gitlab
     * plugins do), used beside the app's own webhook secret.
     */
    static final String SOURCE_SECRET_FIELD = "webhookSecret";

    /** One app as a delivery sees it: every secret a delivery for it may be signed with. */
    record HookApp(SourceApp app, List<String> secrets, DeploymentRules rules, List<RepositoryName> repositories) {
    }

    private final Jdbi jdbi;
    private final SourceApps sources;
    private final RuleService rules;
    private final SecretCipher cipher;
    private final Map<String, Optional<String>> decrypted = new ConcurrentHashMap<>();
    /** The encrypted source-config secret, by the config's JSON text. */
    private final Map<String, Optional<String>> sourceSecrets = new ConcurrentHashMap<>();

    HookApps(Jdbi jdbi, SourceApps sources, RuleService rules, SecretCipher cipher) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    List<HookApp> all() {
        return jdbi.withHandle(h -> h.createQuery(SELECT).map(this::row).list());
    }

    /**
     * The apps whose source config may name {@code repository}: only rows whose config text
     * contains its path (ignoring case) are mapped, which is most of a row's cost; the caller
     * still checks each by {@link RepositoryName#sameAs}. Every app when the path has characters
     * JSON escapes or that fold case beyond ASCII (no forge allows them in repository names).
     */
    List<HookApp> mayDeploy(RepositoryName repository) {
        if (!repository.path().chars().allMatch(c -> c >= 32 && c < 127 && c != '"' && c != '\\')) {
            return all();
        }
        java.util.regex.Pattern path = java.util.regex.Pattern.compile(repository.path(),
                java.util.regex.Pattern.LITERAL | java.util.regex.Pattern.CASE_INSENSITIVE);
        return jdbi.withHandle(h -> h.createQuery(SELECT).map((rs, ctx) -> {
            String config = rs.getString("config_json");
            return config != null && path.matcher(config).find() ? Optional.of(row(rs, ctx)) : Optional.<HookApp>empty();
        }).stream().flatMap(Optional::stream).toList());
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
