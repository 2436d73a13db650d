package io.slipway.plugins.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One bare mirror per repository URL under {@code <plugin data>/mirrors/<sha-256 of the URL>};
 * fetches of the same mirror take turns (JGit does not guard concurrent fetches into one
 * repository), fetches of different ones run side by side.
 *
 * <pre>{@code
 * RevCommit c = mirrors.withMirror(url, repo -> fetcher.fetch(repo, ...));
 * }</pre>
 */
final class MirrorStore {

    /** Work done while holding a mirror. */
    @FunctionalInterface
    interface MirrorWork<T> {
        T run(Repository mirror) throws Exception;
    }

    private final Path root;
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    MirrorStore(Path pluginDataDir) {
        this.root = pluginDataDir.resolve("mirrors");
    }

    Path pathOf(RepositoryUrl url) {
        return root.resolve(url.mirrorKey());
    }

    /** Runs {@code work} on the mirror of {@code url}, made on first use, while no other fetch holds it. */
    <T> T withMirror(RepositoryUrl url, MirrorWork<T> work) throws Exception {
        ReentrantLock lock = locks.computeIfAbsent(url.mirrorKey(), k -> new ReentrantLock());
        lock.lockInterruptibly();
        try (Repository mirror = open(pathOf(url))) {
            return work.run(mirror);
        } finally {
            lock.unlock();
        }
    }

    private static Repository open(Path dir) throws IOException {
        Files.createDirectories(dir);
        removeStaleLocks(dir);
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        if (!repo.getObjectDatabase().exists()) {
            repo.create(true);
        }
        return repo;
    }

    /**
     * Deletes {@code *.lock} files a crashed or killed fetch left behind (JGit would refuse to
     * update those refs forever). Safe because the caller holds this mirror's lock, and a fetch
     * abandoned on cancellation keeps holding it until its thread ends.
     */
    private static void removeStaleLocks(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(".lock") && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
