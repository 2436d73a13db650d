package io.slipway.plugins.git;

import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.step.DeploymentLog;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SubmoduleConfig.FetchRecurseSubmodulesMode;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;

/**
 * Brings one wanted revision into a bare mirror and returns its commit. The server is always asked
 * for its refs first: that proves the caller may read the repository (a mirror is shared by every
 * app using the URL) and gives the current tip of a branch. Objects already in the mirror are not
 * fetched again.
 *
 * <pre>{@code
 * RevCommit c = fetcher.fetch(mirror, WantedRevision.of("main"), connection, true, step.log());
 * }</pre>
 */
final class MirrorFetcher {
    private static final String COMMIT_REFS = "refs/slipway/commits/";

    private final List<String> secrets;

    MirrorFetcher(List<String> secrets) {
        this.secrets = secrets;
    }

    RevCommit fetch(Repository mirror, WantedRevision wanted, GitConnection connection, boolean shallow, DeploymentLog log) {
        RepositoryUrl url = connection.url();
        try (Git git = Git.wrap(mirror); Transport transport = connection.open(mirror, shallow)) {
            ObjectId tip;
            // The refs come from the connection that fetches: one round trip fewer than an
            // ls-remote first and a fetch (which asks for the refs again) after.
            try (FetchConnection server = transport.openFetch()) {
                Map<String, Ref> remoteRefs = server.getRefsMap();
                stopIfAsked(connection);
                if (wanted.isCommit()) {
                    server.close();
                    return fetchCommit(git, ObjectId.fromString(wanted.name()), connection, shallow, log);
                }
                Ref remote = find(remoteRefs, wanted).orElseThrow(() -> new StepFailedException(
                        (wanted.kind() == WantedRevision.Kind.TAG ? "tag " : "branch ") + wanted.name() + " not found in " + url));
                tip = remote.getObjectId();
                if (mirror.getObjectDatabase().has(tip)) {
                    log.line("Reusing the mirror of " + url + ": " + remote.getName() + " is at " + tip.abbreviate(10).name());
                } else {
                    log.line("Fetching " + remote.getName() + " from " + url + (shallow ? " (shallow)" : ""));
                    server.fetch(connection.monitor(), List.of(remote), Set.of());
                    stopIfAsked(connection);
                    if (!mirror.getObjectDatabase().has(tip)) {
                        throw new StepFailedException("The server sent no commit " + tip.name() + " for " + remote.getName()
                                + " of " + url);
                    }
                }
                setRef(mirror, remote.getName(), tip);
            }
            stopIfAsked(connection);
            return parse(mirror, tip);
        } catch (GitAPIException | JGitInternalException | IOException e) {
            stopIfAsked(connection);
            throw FetchFailures.describe(url, e, secrets);
        }
    }

    private RevCommit fetchCommit(Git git, ObjectId id, GitConnection connection, boolean shallow, DeploymentLog log)
            throws GitAPIException, IOException {
        Repository mirror = git.getRepository();
        String localRef = COMMIT_REFS + id.name();
        if (!mirror.getObjectDatabase().has(id)) {
            log.line("Fetching commit " + id.name() + " from " + connection.url() + (shallow ? " (shallow)" : ""));
            try {
                fetchCommand(git, connection, shallow).setRefSpecs(new RefSpec("+" + id.name() + ":" + localRef)).call();
            } catch (GitAPIException | JGitInternalException refused) {
                stopIfAsked(connection);
                // Servers that refuse unadvertised commits: fetch every branch and tag in full and look.
                log.line("The server does not serve commits by id; fetching all branches and tags of " + connection.url());
                FetchCommand all = connection.apply(git.fetch()).setRemote(connection.url().value())
                        .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                        .setTagOpt(TagOpt.NO_TAGS).setRecurseSubmodules(FetchRecurseSubmodulesMode.NO)
                        .setProgressMonitor(connection.monitor());
                if (!mirror.getObjectDatabase().getShallowCommits().isEmpty()) {
                    all.setUnshallow(true);
                }
                all.call();
            }
            stopIfAsked(connection);
            if (!mirror.getObjectDatabase().has(id)) {
                throw new StepFailedException("commit " + id.name() + " not found in " + connection.url());
            }
        } else {
            log.line("Reusing the mirror of " + connection.url() + ": commit " + id.abbreviate(10).name() + " is there");
        }
        setRef(mirror, localRef, id);
        return parse(mirror, id);
    }

    private static FetchCommand fetchCommand(Git git, GitConnection connection, boolean shallow) {
        FetchCommand fetch = connection.apply(git.fetch()).setRemote(connection.url().value())
                .setTagOpt(TagOpt.NO_TAGS)
                .setRecurseSubmodules(FetchRecurseSubmodulesMode.NO)
                .setProgressMonitor(connection.monitor());
        if (shallow) {
            fetch.setDepth(1);
        }
        return fetch;
    }

    private static Optional<Ref> find(Map<String, Ref> refs, WantedRevision wanted) {
        Ref branch = refs.get(Constants.R_HEADS + wanted.name());
        Ref tag = refs.get(Constants.R_TAGS + wanted.name());
        return switch (wanted.kind()) {
            case BRANCH -> Optional.ofNullable(branch);
            case TAG -> Optional.ofNullable(tag);
            default -> Optional.ofNullable(branch != null ? branch : tag);
        };
    }

    private static void setRef(Repository mirror, String name, ObjectId id) throws IOException {
        RefUpdate update = mirror.updateRef(name);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE
                || result == RefUpdate.Result.REJECTED) {
            throw new IOException("could not update " + name + " in the mirror: " + result);
        }
    }

    private static RevCommit parse(Repository mirror, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(mirror)) {
            RevCommit commit = walk.parseCommit(id);
            walk.parseBody(commit);
            return commit;
        }
    }

    private static void stopIfAsked(GitConnection connection) {
        if (connection.stopped()) {
            throw new StepCancelledException("The fetch was stopped.");
        }
    }
}
