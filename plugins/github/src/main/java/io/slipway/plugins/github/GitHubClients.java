package io.slipway.plugins.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

/**
 * Makes authenticated github-api clients for an app's settings: with its personal access token, or
 * with an installation token of its GitHub App, bought with a JWT and kept until
 * {@value #REFRESH_MARGIN_MINUTES} minutes before it expires (GitHub's tokens live an hour).
 *
 * <pre>{@code
 * GitHub github = clients.client(settings);
 * Optional<String> token = clients.accessToken(settings); // for cloning over https
 * }</pre>
 */
final class GitHubClients {
    static final long REFRESH_MARGIN_MINUTES = 5;

    private final Clock clock;
    private final JdkHttpConnector connector;
    private final Map<GitHubSettings.AppCredentials, Token> tokens = new ConcurrentHashMap<>();

    GitHubClients(Clock clock, HttpClient http) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connector = new JdkHttpConnector(http);
    }

    private record Token(String value, Instant expiresAt) {
    }

    GitHub client(GitHubSettings settings) {
        try {
            GitHubBuilder builder = new GitHubBuilder().withEndpoint(settings.apiUrl()).withConnector(connector);
            Optional<String> token = accessToken(settings);
            if (token.isEmpty()) {
                return builder.build();
            }
            return settings.app().isPresent()
                    ? builder.withAppInstallationToken(token.get()).build()
                    : builder.withOAuthToken(token.get()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token to clone and call the API with; empty for a public repository without credentials. */
    Optional<String> accessToken(GitHubSettings settings) {
        if (settings.app().isPresent()) {
            return Optional.of(installationToken(settings.apiUrl(), settings.app().get()));
        }
        return settings.token();
    }

    private String installationToken(String apiUrl, GitHubSettings.AppCredentials app) {
        Instant now = clock.instant();
        Token current = tokens.get(app);
        if (current != null && now.isBefore(current.expiresAt().minus(Duration.ofMinutes(REFRESH_MARGIN_MINUTES)))) {
            return current.value();
        }
        try {
            String jwt = AppJwt.sign(app.appId(), AppJwt.privateKey(app.privateKeyPem()), now);
            GitHub asApp = new GitHubBuilder().withEndpoint(apiUrl).withConnector(connector).withJwtToken(jwt).build();
            GHAppInstallationToken created = asApp.getApp().getInstallationById(app.installationId()).createToken().create();
            Instant expires = created.getExpiresAt() == null ? now.plus(Duration.ofHours(1)) : created.getExpiresAt().toInstant();
            tokens.put(app, new Token(created.getToken(), expires));
            return created.getToken();
        } catch (IOException e) {
            throw new UncheckedIOException("GitHub refused an installation token for App " + app.appId()
                    + ", installation " + app.installationId() + ": check the App id, the installation id and the private key ("
                    + e.getMessage() + ")", e);
        }
    }
}
