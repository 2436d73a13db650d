package io.slipway.war.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A git repository built with JGit in test code, branch {@code main}: each {@link #commit} writes
 * files and commits them, which is a push as far as a server fetching it can tell.
 *
 * <pre>{@code
 * try (GitRepo repo = GitRepo.open(reposDir.resolve("app"))) {
 *     repo.commit("v1", Map.of("Dockerfile", "FROM ...", "index.html", "v1"));
 * }
 * }</pre>
 */
public final class GitRepo implements AutoCloseable {
    private static final PersonIdent ADA = new PersonIdent("Ada Lovelace", "ada@example.org",
            Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final Git git;
    private final Path dir;

    private GitRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** The repository in {@code dir}, created (branch main) when there is none yet. */
    public static GitRepo open(Path dir) {
        try {
            if (Files.isDirectory(dir.resolve(".git"))) {
                return new GitRepo(Git.open(dir.toFile()), dir);
            }
            return new GitRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot create a repository in " + dir, e);
        }
    }

    /** Writes each file (path relative to the repository) and commits everything. */
    public RevCommit commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path path = dir.resolve(f.getKey()).normalize();
                if (!path.startsWith(dir)) {
                    throw new IllegalArgumentException("outside the repository: " + f.getKey());
                }
                Files.createDirectories(path.getParent());
                Files.writeString(path, f.getValue());
            }
            git.add().addFilepattern(".").call();
            return git.commit().setMessage(message).setAuthor(ADA).setCommitter(ADA).setSign(false).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot commit in " + dir, e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
