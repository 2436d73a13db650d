package io.slipway.plugins.git;

import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.step.DeploymentLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * One fetch of a source (and, on request, its submodules) into a folder: each repository through
 * its mirror, under that mirror's lock. Submodules are fetched after the parent's lock is released,
 * so two repositories naming each other cannot deadlock. Credentials go only to the host they were
 * configured for.
 *
 * <pre>{@code
 * FetchJob job = new FetchJob(mirrors, ssh, settings, step.log(), stop, () -> Duration.ofSeconds(60), false);
 * FetchedCommit top = job.fetchInto(url, WantedRevision.of("main"), targetDir, true);
 * }</pre>
 */
final class FetchJob {
    private final MirrorStore mirrors;
    private final SshSessions sshSessions;
    private final GitSourceSettings settings;
    private final DeploymentLog log;
    private final AtomicBoolean stop;
    private final Supplier<Duration> ioTimeout;
    private final MirrorFetcher fetcher;
    private final String credentialHost;
    private final boolean allowLocal;

    FetchJob(MirrorStore mirrors, SshSessions sshSessions, GitSourceSettings settings, DeploymentLog log,
             AtomicBoolean stop, Supplier<Duration> ioTimeout, boolean allowLocal) {
        this.mirrors = mirrors;
        this.sshSessions = sshSessions;
        this.settings = settings;
        this.log = log;
        this.stop = stop;
        this.ioTimeout = ioTimeout;
        this.allowLocal = allowLocal;
        this.fetcher = new MirrorFetcher(settings.secrets());
        this.credentialHost = RepositoryUrl.parse(settings.url(), true).map(RepositoryUrl::host).orElse("");
    }

    FetchedCommit fetchInto(RepositoryUrl url, WantedRevision wanted, Path target, boolean shallow) {
        try {
            return mirrors.withMirror(url, mirror -> {
                try (GitConnection connection = connect(url)) {
                    var commit = fetcher.fetch(mirror, wanted, connection, shallow, log);
                    TreeExporter.empty(target);
                    Map<String, ObjectId> gitlinks = TreeExporter.export(mirror, commit, target, this::checkStop);
                    Map<String, String> urls = gitlinks.isEmpty() ? Map.of() : SubmoduleUrls.read(mirror, commit);
                    return new FetchedCommit(commit, gitlinks, urls);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCancelledException("The fetch was stopped.");
        } catch (IOException e) {
            throw new StepFailedException("Could not write the source of " + url + " into the workspace: " + e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw FetchFailures.describe(url, e, settings.secrets());
        }
    }

    /** Fetches the submodules of {@code parent} (written at {@code dir}) into their folders, recursively. */
    void fetchSubmodules(RepositoryUrl parentUrl, FetchedCommit parent, Path dir, int depthLeft) {
        if (parent.gitlinks().isEmpty()) {
            return;
        }
        if (depthLeft <= 0) {
            throw new StepFailedException("Submodules of " + parentUrl + " are nested too deeply");
        }
        for (var link : parent.gitlinks().entrySet()) {
            checkStop();
            String path = link.getKey();
            String declared = Optional.ofNullable(parent.submoduleUrls().get(path)).orElseThrow(() ->
                    new StepFailedException("Submodule " + path + " of " + parentUrl + " has no URL in .gitmodules"));
            String resolved = SubmoduleUrls.resolve(parentUrl.value(), declared).orElseThrow(() ->
                    new StepFailedException("Submodule " + path + " of " + parentUrl + " has an invalid URL"));
            RepositoryUrl url = RepositoryUrl.parse(resolved, parentUrl.kind() == RepositoryUrl.Kind.LOCAL
                    && allowLocal).orElseThrow(() ->
                    new StepFailedException("Submodule " + path + " of " + parentUrl + " has a URL that is not allowed: "
                            + Redaction.stripUserInfo(resolved)));
            log.line("Submodule " + path + " from " + url);
            Path subDir = dir.resolve(path).normalize();
            var fetched = fetchInto(url, new WantedRevision(WantedRevision.Kind.COMMIT, link.getValue().name()), subDir,
                    settings.shallow());
            fetchSubmodules(url, fetched, subDir, depthLeft - 1);
        }
    }

    private GitConnection connect(RepositoryUrl url) {
        boolean sameHost = url.host().equals(credentialHost) && url.kind() == kindOfConfigured();
        Optional<CredentialsProvider> credentials = sameHost && url.kind() == RepositoryUrl.Kind.HTTP
                ? GitConnection.httpCredentials(settings) : Optional.empty();
        if (credentials.isPresent() && url.value().regionMatches(true, 0, "http://", 0, 7)) {
            log.line("Warning: the token for " + url + " travels unencrypted over http; use https outside trusted networks");
        }
        Optional<SshdSessionFactory> ssh = Optional.empty();
        if (url.kind() == RepositoryUrl.Kind.SSH) {
            GitSourceSettings sshSettings = sameHost ? settings : withoutCredentials(settings);
            ssh = Optional.of(sshSessions.factory(sshSettings, url.mirrorKey()));
        }
        return new GitConnection(url, credentials, ssh, ioTimeout.get(), stop);
    }

    private RepositoryUrl.Kind kindOfConfigured() {
        return RepositoryUrl.parse(settings.url(), true).map(RepositoryUrl::kind).orElse(RepositoryUrl.Kind.LOCAL);
    }

    private static GitSourceSettings withoutCredentials(GitSourceSettings s) {
        return new GitSourceSettings(s.url(), s.branch(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), s.shallow(), s.submodules(), s.fetchTimeout());
    }

    private void checkStop() {
        if (stop.get()) {
            throw new StepCancelledException("The fetch was stopped.");
        }
    }
}
