package io.slipway.plugins.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceProviderTest {
    @TempDir
    static Path repos;
    static TestGitServer server;

    @TempDir
    Path dataDir;
    @TempDir
    Path workspace;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestGitServer.start(repos);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private GitSourceProvider provider() {
        return new GitSourceProvider(TestContexts.plugin(dataDir));
    }

    private static Config config(String url, Object... more) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("url", url);
        for (int i = 0; i < more.length; i += 2) {
            raw.put((String) more[i], more[i + 1]);
        }
        return GitSourceSettings.schema().parse(raw);
    }

    private SourceRevision fetch(GitSourceProvider provider, Config config, String ref, TestContexts.TestStep step) {
        return provider.fetch(new SourceRequest(config, Optional.ofNullable(ref), workspace.resolve("src")), step);
    }

    private SourceRevision fetch(GitSourceProvider provider, Config config, String ref) {
        return fetch(provider, config, ref, TestContexts.step(workspace, Duration.ofSeconds(30)));
    }

    private String file(String path) throws Exception {
        return Files.readString(workspace.resolve("src").resolve(path));
    }

    @Test
    void fetchesTheConfiguredBranchAndReportsCommitMessageAndAuthor() throws Exception {
        RevCommit head;
        try (TestRepos repo = TestRepos.init(repos.resolve("branch"))) {
            repo.commit("First", "README.md", "old");
            repo.branch("release");
            head = repo.commit("Add the shop front\n\nLonger text.", "README.md", "shop");
        }
        var step = TestContexts.step(workspace, Duration.ofSeconds(30));
        SourceRevision revision = fetch(provider(), config(server.url("branch")), null, step);

        assertEquals(head.name(), revision.commitId());
        assertEquals("Add the shop front", revision.message());
        assertEquals("Ada Lovelace <ada@example.org>", revision.author());
        assertEquals("main", revision.ref());
        assertEquals("shop", file("README.md"));
        assertFalse(Files.exists(workspace.resolve("src/.git")), "the workspace gets files, not the mirror");
        assertTrue(step.lines().stream().anyMatch(l -> l.contains("Fetched " + head.name().substring(0, 10))), step.lines().toString());

        fetch(provider(), config(server.url("branch"), "branch", "release"), null);
        assertEquals("old", file("README.md"));
    }

    @Test
    void fetchesATagAndACommitById() throws Exception {
        RevCommit first;
        RevCommit tagged;
        try (TestRepos repo = TestRepos.init(repos.resolve("tags"))) {
            first = repo.commit("One", "VERSION", "1");
            tagged = repo.commit("Two", "VERSION", "2");
            repo.tag("v2.0.0");
            repo.commit("Three", "VERSION", "3");
        }
        GitSourceProvider provider = provider();
        SourceRevision byTag = fetch(provider, config(server.url("tags")), "v2.0.0");
        assertEquals(tagged.name(), byTag.commitId());
        assertEquals("v2.0.0", byTag.ref());
        assertEquals("2", file("VERSION"));

        SourceRevision byTagRef = fetch(provider, config(server.url("tags")), "refs/tags/v2.0.0");
        assertEquals(tagged.name(), byTagRef.commitId());

        SourceRevision byId = fetch(provider, config(server.url("tags")), first.name());
        assertEquals(first.name(), byId.commitId());
        assertEquals("One", byId.message());
        assertEquals("1", file("VERSION"));
    }

    @Test
    void fetchesShallowByDefaultAndWholeHistoryOnRequest() throws Exception {
        RevCommit parent;
        try (TestRepos repo = TestRepos.init(repos.resolve("history"))) {
            repo.commit("One", "a.txt", "1");
            parent = repo.commit("Two", "a.txt", "2");
            repo.commit("Three", "a.txt", "3");
        }
        String url = server.url("history");
        fetch(provider(), config(url), null);
        try (Repository mirror = mirror(url)) {
            assertFalse(mirror.getObjectDatabase().has(parent), "a shallow fetch brings one commit, not its parent");
            assertEquals(1, mirror.getObjectDatabase().getShallowCommits().size());
        }

        Path fullData = dataDir.resolve("full");
        fetch(new GitSourceProvider(TestContexts.plugin(fullData)), config(url, "shallow", false), null);
        try (Repository mirror = new FileRepositoryBuilder()
                .setGitDir(fullData.resolve("mirrors").resolve(RepositoryUrl.parse(url, false).orElseThrow().mirrorKey()).toFile())
                .setMustExist(true).build()) {
            assertTrue(mirror.getObjectDatabase().has(parent));
            assertTrue(mirror.getObjectDatabase().getShallowCommits().isEmpty());
        }
    }

    @Test
    void refetchReusesTheMirrorAndFetchesOnlyNewCommits() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("reuse"))) {
            repo.commit("One", "a.txt", "1");
            String url = server.url("reuse");
            GitSourceProvider provider = provider();

            int before = server.packsSent();
            fetch(provider, config(url), null);
            assertEquals(before + 1, server.packsSent());

            var again = TestContexts.step(workspace, Duration.ofSeconds(30));
            fetch(provider, config(url), null, again);
            assertEquals(before + 1, server.packsSent(), "the same revision comes from the mirror, no second download");
            assertTrue(again.lines().stream().anyMatch(l -> l.startsWith("Reusing the mirror")), again.lines().toString());
            assertEquals("1", file("a.txt"));

            RevCommit pushed = repo.commit("Two", "b.txt", "2");
            SourceRevision next = fetch(provider, config(url), null);
            assertEquals(pushed.name(), next.commitId());
            assertEquals(before + 2, server.packsSent());
            assertEquals("2", file("b.txt"));
            assertEquals(1, Files.list(dataDir.resolve("mirrors")).count(), "one mirror per URL");
        }
    }

    @Test
    void asksTheServerForItsRefsOncePerFetch() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("once"))) {
            repo.commit("One", "a.txt", "1");
            String url = server.url("once");
            GitSourceProvider provider = provider();

            int before = server.refAdvertisements();
            fetch(provider, config(url), null);
            assertEquals(before + 1, server.refAdvertisements(), "a new commit: refs and pack on one connection");
            fetch(provider, config(url), null);
            assertEquals(before + 2, server.refAdvertisements(), "nothing new: the refs alone");
        }
    }

    @Test
    void fetchesFromABasicAuthRepositoryWithATokenAndFailsCleanlyWithout() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("private/app"))) {
            repo.commit("Secret sauce", "sauce.txt", "ketchup");
        }
        String url = server.url("private/app");
        SourceRevision revision = fetch(provider(), config(url, "username", TestGitServer.USER, "token", TestGitServer.PASSWORD), null);
        assertEquals("Secret sauce", revision.message());
        assertEquals("ketchup", file("sauce.txt"));

        var noCredentials = assertThrows(StepFailedException.class, () -> fetch(provider(), config(url), null));
        assertEquals("Access denied to " + url + ": check the username and token", noCredentials.getMessage());

        var wrongToken = assertThrows(StepFailedException.class,
                () -> fetch(provider(), config(url, "username", TestGitServer.USER, "token", "wrong-token-4711"), null));
        assertTrue(wrongToken.getMessage().startsWith("Access denied to " + url), wrongToken.getMessage());
        assertFalse(wrongToken.getMessage().contains("wrong-token-4711"));
    }

    @Test
    void failsWithAClearMessageForAnUnknownBranch() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("unknown"))) {
            repo.commit("One", "a.txt", "1");
        }
        String url = server.url("unknown");
        var e = assertThrows(StepFailedException.class, () -> fetch(provider(), config(url), "nope"));
        assertEquals("branch nope not found in " + url, e.getMessage());
    }

    @Test
    void refusesInvalidRefNamesBeforeContactingTheServer() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("refs"))) {
            repo.commit("One", "a.txt", "1");
        }
        int before = server.packsSent();
        for (String bad : new String[] {"-x", "a..b", "has space", "x~1", "x^", "a:b", "x?", "x*", "x[", "back\\slash", "ctl\u0001"}) {
            var e = assertThrows(StepFailedException.class, () -> fetch(provider(), config(server.url("refs")), bad), bad);
            assertTrue(e.getMessage().startsWith("The ref '"), e.getMessage());
        }
        assertEquals(before, server.packsSent());
    }

    @Test
    void refusesADisallowedUrlAtFetchTimeToo() {
        var e = assertThrows(StepFailedException.class, () -> provider().fetch(
                new SourceRequest(new Config(Map.of("url", "file:///srv/repo")), Optional.empty(), workspace), TestContexts.step(workspace, Duration.ofSeconds(5))));
        assertTrue(e.getMessage().contains("local repositories are not allowed"), e.getMessage());
    }

    @Test
    void cancellationStopsAFetchPromptly() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("slow"))) {
            repo.commit("One", "a.txt", "1");
        }
        var step = TestContexts.step(workspace, Duration.ofSeconds(30));
        server.delay(10_000);
        try {
            Thread canceller = new Thread(() -> {
                sleep(300);
                step.cancel();
            });
            canceller.start();
            long start = System.nanoTime();
            assertThrows(StepCancelledException.class, () -> fetch(provider(), config(server.url("slow")), null, step));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis < 3000, "stopped after " + millis + " ms, the server holds the request for 10 s");
        } finally {
            server.delay(0);
        }
    }

    @Test
    void failsWhenTheFetchTimeoutRunsOut() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("timeout"))) {
            repo.commit("One", "a.txt", "1");
        }
        server.delay(10_000);
        try {
            long start = System.nanoTime();
            var e = assertThrows(StepFailedException.class,
                    () -> fetch(provider(), config(server.url("timeout"), "timeoutSeconds", 1), null));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertTrue(millis < 5000, "failed after " + millis + " ms, the server holds the request for 10 s");
        } finally {
            server.delay(0);
        }
    }

    @Test
    void fetchesSubmodulesOnlyOnRequest() throws Exception {
        RevCommit libCommit;
        try (TestRepos lib = TestRepos.init(repos.resolve("lib"))) {
            libCommit = lib.commit("Library", "lib.txt", "library code");
        }
        try (TestRepos app = TestRepos.init(repos.resolve("withsub"))) {
            app.commit("App", "app.txt", "app code");
            app.commitSubmodule("vendor/lib", "../lib.git", libCommit);
        }
        String url = server.url("withsub");
        fetch(provider(), config(url), null);
        assertEquals("app code", file("app.txt"));
        assertTrue(Files.isDirectory(workspace.resolve("src/vendor/lib")));
        assertFalse(Files.exists(workspace.resolve("src/vendor/lib/lib.txt")), "submodules only on request");

        fetch(provider(), config(url, "submodules", true), null);
        assertEquals("library code", file("vendor/lib/lib.txt"));
        assertEquals("app code", file("app.txt"));
    }

    @Test
    void fetchesALocalRepositoryOnlyWhenAnAdminAllowsIt() throws Exception {
        RevCommit head;
        Path local = repos.resolve("local");
        try (TestRepos repo = TestRepos.init(local)) {
            head = repo.commit("Local", "l.txt", "here");
        }
        assertThrows(StepFailedException.class, () -> fetch(provider(), new Config(Map.of("url", local.toString())), null));
        GitSourceProvider allowing = new GitSourceProvider(TestContexts.plugin(dataDir,
                Set.of(GitSourceProvider.LOCAL_PATHS_POLICY)));
        assertTrue(allowing.validate(config(local.toString())).isEmpty());
        assertEquals(head.name(), fetch(allowing, config(local.toString()), null).commitId());
        assertEquals("here", file("l.txt"));
    }

    @Test
    void failsWithAClearMessageForAMissingRepository() {
        String url = server.url("missing");
        var e = assertThrows(StepFailedException.class, () -> fetch(provider(), config(url), null));
        assertEquals("Repository not found at " + url + ": check the URL and the username and token", e.getMessage());
    }

    @Test
    void concurrentFetchesOfOneRepositoryShareTheMirrorOneAtATime() throws Exception {
        RevCommit head;
        try (TestRepos repo = TestRepos.init(repos.resolve("concurrent"))) {
            head = repo.commit("One", "a.txt", "1");
        }
        GitSourceProvider provider = provider();
        Config config = config(server.url("concurrent"));
        int before = server.packsSent();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<SourceRevision>>();
            for (int i = 0; i < 3; i++) {
                Path target = workspace.resolve("src" + i);
                results.add(pool.submit(() -> provider.fetch(new SourceRequest(config, Optional.empty(), target),
                        TestContexts.step(workspace, Duration.ofSeconds(30)))));
            }
            for (var result : results) {
                assertEquals(head.name(), result.get().commitId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, server.packsSent(), "the first fetch downloads, the others find the commit in the mirror");
        for (int i = 0; i < 3; i++) {
            assertEquals("1", Files.readString(workspace.resolve("src" + i + "/a.txt")));
        }
    }

    @Test
    void testsTheConnectionWithTheGivenCredentials() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("private/check"))) {
            repo.commit("One", "a.txt", "1");
        }
        String url = server.url("private/check");
        var ok = provider().testConnection(config(url, "username", TestGitServer.USER, "token", TestGitServer.PASSWORD));
        assertTrue(ok.ok(), ok.message());
        assertEquals("Reached " + url + ": 1 branches", ok.message());
        var denied = provider().testConnection(config(url));
        assertFalse(denied.ok());
        assertEquals("Access denied to " + url + ": check the username and token", denied.message());
    }

    @Test
    void recoversFromLockFilesACrashedFetchLeftInTheMirror() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("crashed"))) {
            repo.commit("One", "a.txt", "1");
            String url = server.url("crashed");
            GitSourceProvider provider = provider();
            fetch(provider, config(url), null);
            Path mirrorDir = dataDir.resolve("mirrors").resolve(RepositoryUrl.parse(url, false).orElseThrow().mirrorKey());
            Files.createDirectories(mirrorDir.resolve("refs/heads"));
            Files.writeString(mirrorDir.resolve("refs/heads/main.lock"), "");
            Files.writeString(mirrorDir.resolve("shallow.lock"), "");

            RevCommit pushed = repo.commit("Two", "a.txt", "2");
            assertEquals(pushed.name(), fetch(provider, config(url), null).commitId());
            assertEquals("2", file("a.txt"));
        }
    }

    @Test
    void failsWithAClearMessageForAnUnknownCommitAfterLookingAtAllBranches() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("nocommit"))) {
            repo.commit("One", "a.txt", "1");
        }
        String url = server.url("nocommit");
        String unknown = "0123456789abcdef0123456789abcdef01234567";
        var step = TestContexts.step(workspace, Duration.ofSeconds(30));
        var e = assertThrows(StepFailedException.class, () -> fetch(provider(), config(url), unknown, step));
        assertEquals("commit " + unknown + " not found in " + url, e.getMessage());
        assertTrue(step.lines().stream().anyMatch(l -> l.contains("fetching all branches and tags")), step.lines().toString());
    }

    private Repository mirror(String url) throws Exception {
        Path dir = dataDir.resolve("mirrors").resolve(RepositoryUrl.parse(url, false).orElseThrow().mirrorKey());
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
