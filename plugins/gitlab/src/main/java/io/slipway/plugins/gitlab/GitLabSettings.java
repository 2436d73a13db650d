package io.slipway.plugins.gitlab;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An app's GitLab source settings: the project's https URL, a project access token (cloning and
 * commit statuses), the API base URL (self-hosted instances behind another host) and the webhook's
 * secret token. Owns the schema the core renders.
 *
 * <pre>{@code
 * GitLabSettings s = GitLabSettings.from(config);
 * s.project().path(); s.apiBaseUrl(); s.token();
 * }</pre>
 *
 * @param url the project's https URL, as entered
 * @param project its instance and path
 * @param branch the branch deployed when a deployment names none
 * @param apiBaseUrl where the instance's API answers (without {@code /api/v4}); the URL's host by default
 * @param token the project access token
 * @param webhookSecret the secret token GitLab sends as {@code X-Gitlab-Token}
 */
record GitLabSettings(String url, ProjectPath project, String branch, String apiBaseUrl, Optional<String> token,
                      Optional<String> webhookSecret) {

    static final String URL = "url";
    static final String BRANCH = "branch";
    static final String BASE_URL = "baseUrl";
    static final String TOKEN = "token";
    /** The field the core reads for {@link io.slipway.plugin.api.source.WebhookSecrets}. */
    static final String WEBHOOK_SECRET = "webhookSecret";
    /** The user name GitLab expects beside an access token over https (any non-empty name works). */
    static final String TOKEN_USER = "oauth2";

    GitLabSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
    }

    static ConfigSchema schema() {
        return ConfigSchema.of(
                ConfigField.text(URL).label("Project URL").required(true)
                        .help("https://gitlab.com/group/project (or your GitLab's host; subgroups are fine)"),
                ConfigField.text(BRANCH).label("Branch").defaultValue("main")
                        .help("Branch, tag or commit deployed when a deployment names none"),
                ConfigField.text(BASE_URL).label("GitLab URL")
                        .help("Only if the API answers elsewhere than the project URL's host, e.g. https://gitlab.internal"),
                ConfigField.secret(TOKEN).label("Project access token")
                        .help("Role Developer, scopes read_repository and api (commit statuses and merge request notes)"),
                ConfigField.secret(WEBHOOK_SECRET).label("Webhook secret token")
                        .help("The secret token set on the project's webhook pointing at /hooks/gitlab"));
    }

    static GitLabSettings from(Config config) {
        String url = config.require(URL).strip();
        ProjectPath project = ProjectPath.parse(url).orElseThrow(() ->
                new IllegalArgumentException("not a GitLab project URL: " + url));
        String base = nonBlank(config, BASE_URL).orElse(project.baseUrl());
        return new GitLabSettings(url, project, nonBlank(config, BRANCH).orElse("main"),
                base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                nonBlank(config, TOKEN), nonBlank(config, WEBHOOK_SECRET));
    }

    /** Cross-field checks; pure. */
    static List<FieldError> validate(Config config) {
        var errors = new ArrayList<FieldError>();
        String url = config.text(URL).orElse("");
        if (ProjectPath.parse(url).isEmpty()) {
            errors.add(new FieldError(URL, "is not a GitLab project URL: give https://gitlab.com/group/project"));
        }
        nonBlank(config, BASE_URL).filter(b -> ProjectPath.parse(b + "/x/y").isEmpty()).ifPresent(b ->
                errors.add(new FieldError(BASE_URL, "must be an http(s) URL such as https://gitlab.example.org")));
        return errors;
    }

    /** The settings the git plugin clones with: this URL over https with the access token. */
    Config gitConfig() {
        Map<String, Object> values = new HashMap<>();
        values.put("url", url);
        values.put("branch", branch);
        token.ifPresent(t -> {
            values.put("username", TOKEN_USER);
            values.put("token", t);
        });
        return new Config(values);
    }

    private static Optional<String> nonBlank(Config config, String name) {
        return config.text(name).map(String::strip).filter(s -> !s.isEmpty());
    }
}
