package io.slipway.plugins.git;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The git source's settings, read from its validated {@link Config}; also owns the schema the core
 * renders, so field names live in one place.
 *
 * <pre>{@code
 * GitSourceSettings s = GitSourceSettings.from(config);
 * s.url(); s.branch(); s.shallow(); s.fetchTimeout();
 * }</pre>
 *
 * @param url the repository, as entered
 * @param branch the default branch (or tag, or commit) when a deployment names none
 * @param username https user name; with a token and no name, {@code x-access-token} is sent
 * @param token https token or password (secret)
 * @param privateKey ssh private key, OpenSSH or PEM text (secret)
 * @param passphrase the private key's passphrase (secret)
 * @param knownHosts ssh known_hosts lines to trust; empty trusts a host's key on first use
 * @param shallow fetch only the wanted commit, not its history
 * @param submodules also fetch submodules (recursively)
 * @param fetchTimeout how long one fetch may take, and how long the server may stay silent
 */
record GitSourceSettings(String url, String branch, Optional<String> username, Optional<String> token,
                         Optional<String> privateKey, Optional<String> passphrase, Optional<String> knownHosts,
                         boolean shallow, boolean submodules, Duration fetchTimeout) {

    static final String URL = "url";
    static final String BRANCH = "branch";
    static final String USERNAME = "username";
    static final String TOKEN = "token";
    static final String PRIVATE_KEY = "privateKey";
    static final String PASSPHRASE = "passphrase";
    static final String KNOWN_HOSTS = "knownHosts";
    static final String SHALLOW = "shallow";
    static final String SUBMODULES = "submodules";
    static final String TIMEOUT = "timeoutSeconds";
    static final long MAX_TIMEOUT_SECONDS = 3600;

    GitSourceSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
    }

    static ConfigSchema schema() {
        return ConfigSchema.of(
                ConfigField.text(URL).label("Repository URL").required(true).pattern("[^\\s-].*")
                        .help("https://host/org/repo.git, http://… for internal servers, ssh://git@host/repo.git or git@host:org/repo.git"),
                ConfigField.text(BRANCH).label("Branch").defaultValue("main")
                        .help("Branch, tag or commit id deployed when a deployment names none"),
                ConfigField.text(USERNAME).label("Username").help("For https; leave empty to send a token alone"),
                ConfigField.secret(TOKEN).label("Token or password").help("For https: an access token or the user's password"),
                ConfigField.secret(PRIVATE_KEY).label("SSH private key")
                        .help("For ssh: the deploy key (OpenSSH or PEM text, several lines)"),
                ConfigField.secret(PASSPHRASE).label("Key passphrase").help("Only if the private key is encrypted"),
                ConfigField.multiline(KNOWN_HOSTS).label("SSH known hosts")
                        .help("known_hosts lines for the server; empty trusts the key seen on first contact"),
                ConfigField.bool(SHALLOW).label("Shallow fetch").defaultValue("true")
                        .help("Fetch only the deployed commit, not the history"),
                ConfigField.bool(SUBMODULES).label("Submodules").defaultValue("false").help("Also fetch submodules"),
                ConfigField.number(TIMEOUT).label("Fetch timeout (seconds)").defaultValue("300")
                        .help("A fetch taking longer fails"));
    }

    static GitSourceSettings from(Config config) {
        return new GitSourceSettings(
                config.require(URL),
                config.text(BRANCH).filter(s -> !s.isEmpty()).orElse("main"),
                nonEmpty(config, USERNAME),
                nonEmpty(config, TOKEN),
                nonEmpty(config, PRIVATE_KEY),
                nonEmpty(config, PASSPHRASE),
                nonEmpty(config, KNOWN_HOSTS),
                config.bool(SHALLOW).orElse(true),
                config.bool(SUBMODULES).orElse(false),
                Duration.ofSeconds(Math.max(1, Math.min(MAX_TIMEOUT_SECONDS, config.longValue(TIMEOUT).orElse(300L)))));
    }

    /** Cross-field checks; pure. */
    static List<FieldError> validate(Config config, boolean allowLocal) {
        var errors = new ArrayList<FieldError>();
        String url = config.text(URL).orElse("");
        RepositoryUrl.check(url, allowLocal).ifPresent(m -> errors.add(new FieldError(URL, m)));
        config.text(BRANCH).filter(s -> !s.isEmpty()).ifPresent(b -> {
            try {
                WantedRevision.of(b);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(BRANCH, RefNames.check(b).orElse("is not a valid branch name")));
            }
        });
        config.longValue(TIMEOUT).filter(t -> t < 1 || t > MAX_TIMEOUT_SECONDS).ifPresent(t ->
                errors.add(new FieldError(TIMEOUT, "must be between 1 and " + MAX_TIMEOUT_SECONDS)));
        RepositoryUrl.parse(url, allowLocal).ifPresent(parsed -> {
            if (parsed.kind() == RepositoryUrl.Kind.SSH && config.text(TOKEN).filter(s -> !s.isEmpty()).isPresent()) {
                errors.add(new FieldError(TOKEN, "is for https URLs: use the private key field for ssh"));
            }
            if (parsed.kind() == RepositoryUrl.Kind.HTTP && config.text(PRIVATE_KEY).filter(s -> !s.isEmpty()).isPresent()) {
                errors.add(new FieldError(PRIVATE_KEY, "is for ssh URLs: use the token field for https"));
            }
        });
        return errors;
    }

    private static Optional<String> nonEmpty(Config config, String name) {
        return config.text(name).filter(s -> !s.isBlank());
    }

    /** Secret values, for {@link Redaction}. */
    List<String> secrets() {
        var list = new ArrayList<String>();
        token.ifPresent(list::add);
        privateKey.ifPresent(list::add);
        passphrase.ifPresent(list::add);
        return list;
    }
}
