package io.slipway.plugins.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds repositories for tests with JGit: init, commit files, branch, tag.
 *
 * <pre>{@code
 * try (TestRepos repo = TestRepos.init(dir.resolve("app"))) { repo.commit("first", "README.md", "hi"); }
 * }</pre>
 */
final class TestRepos implements AutoCloseable {
    static final PersonIdent ADA = new PersonIdent("Ada Lovelace", "ada@example.org", Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final Git git;
    private final Path dir;

    private TestRepos(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    static TestRepos init(Path dir) throws GitAPIException {
        return new TestRepos(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    }

    Git git() {
        return git;
    }

    /** Writes {@code file} with {@code content} and commits everything as Ada. */
    RevCommit commit(String message, String file, String content) throws IOException, GitAPIException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor(ADA).setCommitter(ADA).setSign(false).call();
    }

    /** Adds a submodule entry (gitlink + .gitmodules) pointing at {@code commit} of {@code url}, and commits. */
    RevCommit commitSubmodule(String path, String url, ObjectId commit) throws IOException, GitAPIException {
        Files.writeString(dir.resolve(".gitmodules"), "[submodule \"" + path + "\"]\n\tpath = " + path + "\n\turl = " + url + "\n");
        git.add().addFilepattern(".gitmodules").call();
        DirCache index = git.getRepository().lockDirCache();
        DirCacheEditor editor = index.editor();
        editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.GITLINK);
                entry.setObjectId(commit);
            }
        });
        editor.commit();
        return git.commit().setMessage("Add submodule " + path).setAuthor(ADA).setCommitter(ADA).setSign(false).call();
    }

    void branch(String name) throws GitAPIException {
        git.branchCreate().setName(name).call();
    }

    void checkout(String name) throws GitAPIException {
        git.checkout().setName(name).call();
    }

    void tag(String name) throws GitAPIException {
        git.tag().setName(name).setMessage("Release " + name).setTagger(ADA).setSigned(false).setAnnotated(true).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
