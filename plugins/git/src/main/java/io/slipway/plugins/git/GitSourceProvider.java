package io.slipway.plugins.git;

import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.SlipwayPluginException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.pf4j.Extension;

/**
 * The {@code git} source: fetches a branch, tag or commit of any git repository over https, http
 * or ssh into the deployment's folder, through a bare mirror per repository kept in the plugin's
 * data folder, so later fetches download only what is new. In-process (JGit), never the git CLI.
 *
 * <p>Local paths and {@code file://} URLs are refused unless an admin allows the policy
 * {@value #LOCAL_PATHS_POLICY} (Settings page; {@link PluginContext#adminAllows}).
 */
@Extension
public final class GitSourceProvider implements SourceProvider {
    /** The admin policy that allows repositories on the server's own disk. */
    public static final String LOCAL_PATHS_POLICY = "git.localPaths";
    private static final int MAX_SUBMODULE_DEPTH = 4;

    private final PluginContext context;
    private final MirrorStore mirrors;
    private final SshSessions sshSessions;
    private final StepRunner runner;

    public GitSourceProvider(PluginContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.mirrors = new MirrorStore(context.dataDir());
        this.sshSessions = new SshSessions(context.dataDir());
        this.runner = new StepRunner(context.clock());
    }

    @Override
    public String id() {
        return "git";
    }

    @Override
    public String displayName() {
        return "Git repository";
    }

    @Override
    public ConfigSchema configSchema() {
        return GitSourceSettings.schema();
    }

    @Override
    public List<FieldError> validate(Config config) {
        return GitSourceSettings.validate(config, allowLocal());
    }

    @Override
    public SourceRevision fetch(SourceRequest request, StepContext step) {
        GitSourceSettings settings = GitSourceSettings.from(request.config());
        RepositoryUrl url = repositoryUrl(settings.url());
        String ref = request.ref().filter(r -> !r.isBlank()).orElse(settings.branch());
        WantedRevision wanted = wanted(ref);
        Instant deadline = earliest(step.deadline(), context.clock().instant().plus(settings.fetchTimeout()));
        String timeoutMessage = "Fetching " + ref + " from " + url + " timed out after "
                + Duration.between(context.clock().instant(), deadline).toSeconds() + " s";
        FetchedCommit fetched = runner.run(step, deadline, timeoutMessage, stop -> {
            var job = new FetchJob(mirrors, sshSessions, settings, step.log(), stop,
                    () -> remaining(deadline, settings.fetchTimeout()), allowLocal());
            FetchedCommit top = job.fetchInto(url, wanted, request.targetDir(), settings.shallow());
            if (settings.submodules()) {
                job.fetchSubmodules(url, top, request.targetDir(), MAX_SUBMODULE_DEPTH);
            }
            return top;
        });
        PersonIdent author = fetched.commit().getAuthorIdent();
        String authorText = author == null ? "" : author.getName() + " <" + author.getEmailAddress() + ">";
        String message = firstLine(fetched.commit().getFullMessage());
        step.log().line("Fetched " + fetched.commit().getId().abbreviate(10).name() + " \"" + message + "\" by " + authorText);
        return new SourceRevision(fetched.commit().getId().name(), message, authorText, ref);
    }

    @Override
    public ConnectionCheck testConnection(Config config) {
        GitSourceSettings settings = GitSourceSettings.from(config);
        RepositoryUrl url;
        try {
            url = repositoryUrl(settings.url());
        } catch (StepFailedException e) {
            return ConnectionCheck.failed(e.getMessage());
        }
        // A settings form waits for the answer: at most 30 s.
        Duration timeout = settings.fetchTimeout().compareTo(Duration.ofSeconds(30)) < 0 ? settings.fetchTimeout() : Duration.ofSeconds(30);
        try (GitConnection connection = new GitConnection(url, GitConnection.httpCredentials(settings), sshFactory(url, settings), timeout, new AtomicBoolean())) {
            Map<String, ?> refs = connection.apply(Git.lsRemoteRepository().setRemote(url.value())).callAsMap();
            long branches = refs.keySet().stream().filter(r -> r.startsWith("refs/heads/")).count();
            return ConnectionCheck.ok("Reached " + url + ": " + branches + " branches");
        } catch (GitAPIException | JGitInternalException e) {
            return ConnectionCheck.failed(FetchFailures.describe(url, e, settings.secrets()).getMessage());
        } catch (SlipwayPluginException e) {
            return ConnectionCheck.failed(e.getMessage());
        }
    }

    private Optional<SshdSessionFactory> sshFactory(RepositoryUrl url, GitSourceSettings settings) {
        return url.kind() == RepositoryUrl.Kind.SSH ? Optional.of(sshSessions.factory(settings, url.mirrorKey())) : Optional.empty();
    }

    private RepositoryUrl repositoryUrl(String text) {
        boolean allowLocal = allowLocal();
        return RepositoryUrl.parse(text, allowLocal).orElseThrow(() -> new StepFailedException(
                "The repository URL " + Redaction.stripUserInfo(text) + " "
                        + RepositoryUrl.check(text, allowLocal).orElse("is not allowed") + "; fix it in the app's source settings"));
    }

    private static WantedRevision wanted(String ref) {
        try {
            return WantedRevision.of(ref);
        } catch (IllegalArgumentException e) {
            throw new StepFailedException(e.getMessage());
        }
    }

    private Duration remaining(Instant deadline, Duration cap) {
        Duration left = Duration.between(context.clock().instant(), deadline);
        if (left.compareTo(cap) > 0) {
            return cap;
        }
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private boolean allowLocal() {
        return context.adminAllows(LOCAL_PATHS_POLICY);
    }

    static String firstLine(String message) {
        String trimmed = message == null ? "" : message.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }

}
