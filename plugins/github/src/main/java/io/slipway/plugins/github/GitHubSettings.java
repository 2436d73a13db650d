package io.slipway.plugins.github;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An app's GitHub source settings: the repository, how to authenticate (a personal access token,
 * or a GitHub App installation), the API endpoint (GitHub Enterprise) and the webhook secret. Owns
 * the schema the core renders, so field names live in one place.
 *
 * <pre>{@code
 * GitHubSettings s = GitHubSettings.from(config);
 * s.repository().fullName(); s.apiUrl(); s.app();
 * }</pre>
 *
 * @param url the repository's https URL, as entered
 * @param repository its owner/name
 * @param branch the branch deployed when a deployment names none
 * @param apiUrl the REST API root ({@code https://api.github.com}, or {@code https://ghe.example.org/api/v3})
 * @param token a personal access token, when the app does not use a GitHub App
 * @param app the GitHub App installation, when it does
 * @param webhookSecret the secret GitHub signs this repository's webhooks with
 */
record GitHubSettings(String url, RepositoryName repository, String branch, String apiUrl, Optional<String> token,
                      Optional<AppCredentials> app, Optional<String> webhookSecret) {

    static final String URL = "url";
    static final String BRANCH = "branch";
    static final String API_URL = "apiUrl";
    static final String TOKEN = "token";
    static final String APP_ID = "appId";
    static final String INSTALLATION_ID = "installationId";
    static final String PRIVATE_KEY = "privateKey";
    /** The field the core reads for {@link io.slipway.plugin.api.source.WebhookSecrets}. */
    static final String WEBHOOK_SECRET = "webhookSecret";
    static final String DEFAULT_API_URL = "https://api.github.com";

    GitHubSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(apiUrl, "apiUrl");
    }

    /**
     * A GitHub App installation: the app's id and private key (PEM) sign a JWT that buys an
     * installation token.
     */
    record AppCredentials(long appId, long installationId, String privateKeyPem) {
    }

    static ConfigSchema schema() {
        return ConfigSchema.of(
                ConfigField.text(URL).label("Repository").required(true)
                        .help("https://github.com/acme/shop (or your GitHub Enterprise host), or acme/shop"),
                ConfigField.text(BRANCH).label("Branch").defaultValue("main")
                        .help("Branch, tag or commit deployed when a deployment names none"),
                ConfigField.text(API_URL).label("API URL").defaultValue(DEFAULT_API_URL)
                        .help("GitHub Enterprise: https://your-host/api/v3"),
                ConfigField.secret(TOKEN).label("Personal access token")
                        .help("Fine-grained token with Contents: read, Commit statuses, Deployments and Pull requests: write; or use a GitHub App below"),
                ConfigField.number(APP_ID).label("GitHub App id").help("With a GitHub App instead of a token"),
                ConfigField.number(INSTALLATION_ID).label("Installation id")
                        .help("The App's installation on the repository's owner (the number in its settings URL)"),
                ConfigField.secret(PRIVATE_KEY).label("GitHub App private key").help("The .pem file the App's settings page generated"),
                ConfigField.secret(WEBHOOK_SECRET).label("Webhook secret")
                        .help("The secret set on the repository's (or App's) webhook pointing at /hooks/github"));
    }

    static GitHubSettings from(Config config) {
        String url = config.require(URL);
        RepositoryName repository = RepositoryName.parse(url).orElseThrow(() ->
                new IllegalArgumentException("not a GitHub repository: " + url));
        Optional<AppCredentials> app = config.longValue(APP_ID).flatMap(appId -> config.longValue(INSTALLATION_ID)
                .flatMap(installation -> nonBlank(config, PRIVATE_KEY)
                        .map(key -> new AppCredentials(appId, installation, key))));
        String api = nonBlank(config, API_URL).orElse(DEFAULT_API_URL);
        return new GitHubSettings(url.strip(), repository, nonBlank(config, BRANCH).orElse("main"),
                api.endsWith("/") ? api.substring(0, api.length() - 1) : api,
                nonBlank(config, TOKEN), app, nonBlank(config, WEBHOOK_SECRET));
    }

    /** Cross-field checks; pure. */
    static List<FieldError> validate(Config config) {
        var errors = new ArrayList<FieldError>();
        String url = config.text(URL).orElse("");
        if (RepositoryName.parse(url).isEmpty()) {
            errors.add(new FieldError(URL, "is not a GitHub repository: give https://github.com/owner/repo or owner/repo"));
        } else if (url.contains("://") && !url.strip().startsWith("https://")) {
            errors.add(new FieldError(URL, "must be an https URL"));
        }
        nonBlank(config, API_URL).filter(a -> !isHttpUrl(a)).ifPresent(a ->
                errors.add(new FieldError(API_URL, "must be an http(s) URL such as https://github.example.org/api/v3")));
        boolean anyApp = config.longValue(APP_ID).isPresent() || config.longValue(INSTALLATION_ID).isPresent()
                || nonBlank(config, PRIVATE_KEY).isPresent();
        boolean fullApp = config.longValue(APP_ID).isPresent() && config.longValue(INSTALLATION_ID).isPresent()
                && nonBlank(config, PRIVATE_KEY).isPresent();
        if (anyApp && !fullApp) {
            errors.add(new FieldError(config.longValue(APP_ID).isEmpty() ? APP_ID
                    : config.longValue(INSTALLATION_ID).isEmpty() ? INSTALLATION_ID : PRIVATE_KEY,
                    "is needed too: a GitHub App needs its id, the installation id and the private key"));
        }
        if (fullApp && nonBlank(config, TOKEN).isPresent()) {
            errors.add(new FieldError(TOKEN, "leave empty when a GitHub App is set: use one or the other"));
        }
        nonBlank(config, PRIVATE_KEY).filter(k -> !k.contains("-----BEGIN")).ifPresent(k ->
                errors.add(new FieldError(PRIVATE_KEY, "is not a PEM private key: paste the whole .pem file")));
        return errors;
    }

    /** The settings the git plugin clones with: the same repository over https, with {@code token}. */
    Config gitConfig(String cloneUrl, Optional<String> accessToken) {
        Map<String, Object> values = new HashMap<>();
        values.put("url", cloneUrl);
        values.put("branch", branch);
        accessToken.ifPresent(t -> {
            values.put("username", "x-access-token");
            values.put("token", t);
        });
        return new Config(values);
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text.strip());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> nonBlank(Config config, String name) {
        return config.text(name).map(String::strip).filter(s -> !s.isEmpty());
    }
}
