package io.slipway.plugins.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.testkit.TestPluginContext;
import io.slipway.plugin.testkit.TestStepContext;
import io.slipway.plugins.git.GitSourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubSourceProviderTest {

    /**
     * The fetch itself is the git plugin's (tested there over http and ssh): here the repository
     * sits on disk where a GitHub Enterprise host would serve it ({@code <web host>/acme/shop.git}),
     * so the test proves the github source hands the right URL, ref and folder to the git plugin.
     */
    @Test
    void fetchesTheRequestedBranchThroughTheGitPlugin(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("ghe/acme/shop.git");
        RevCommit commit;
        try (Git git = Git.init().setInitialBranch("main").setDirectory(repo.toFile()).call()) {
            Files.writeString(repo.resolve("index.html"), "<h1>shop</h1>");
            git.add().addFilepattern("index.html").call();
            commit = git.commit().setMessage("First page").setAuthor("Mona", "mona@example.org")
                    .setCommitter("Mona", "mona@example.org").setSign(false).call();
        }
        TestPluginContext context = new TestPluginContext("github", dir.resolve("data")).startingAt(Instant.now());
        context.allow(GitSourceProvider.LOCAL_PATHS_POLICY);
        Files.createDirectories(context.dataDir());
        Config config = new Config(Map.of("url", "acme/shop", "apiUrl", repo.getParent().getParent().toUri() + "api/v3"));
        Path target = Files.createDirectories(dir.resolve("src"));

        SourceRevision revision = new GitHubSourceProvider(context).fetch(
                new SourceRequest(config, Optional.of("main"), target), TestStepContext.withTimeout(Duration.ofSeconds(60)));

        assertEquals(commit.getName(), revision.commitId());
        assertEquals("First page", revision.message());
        assertEquals("<h1>shop</h1>", Files.readString(target.resolve("index.html")));
    }
}
