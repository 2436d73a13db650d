package io.slipway.plugins.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshFetchTest {
    @TempDir
    static Path repos;
    static TestSshGitServer server;
    static RevCommit head;

    @TempDir
    Path dataDir;
    @TempDir
    Path workspace;

    @BeforeAll
    static void start() throws Exception {
        try (TestRepos repo = TestRepos.init(repos.resolve("app"))) {
            head = repo.commit("Over ssh", "ssh.txt", "secure");
        }
        server = TestSshGitServer.start(repos);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private SourceRevision fetch(Map<String, Object> raw) {
        Config config = GitSourceSettings.schema().parse(raw);
        return new GitSourceProvider(TestContexts.plugin(dataDir)).fetch(
                new SourceRequest(config, Optional.empty(), workspace.resolve("src")),
                TestContexts.step(workspace, Duration.ofSeconds(30)));
    }

    private Map<String, Object> settings(String privateKey) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("url", server.url("app"));
        raw.put("privateKey", privateKey);
        return raw;
    }

    @Test
    void fetchesOverSshWithAPrivateKeyAndRemembersTheHostKey() throws Exception {
        SourceRevision revision = fetch(settings(TestSshGitServer.openSsh(server.clientKey())));
        assertEquals(head.name(), revision.commitId());
        assertEquals("secure", Files.readString(workspace.resolve("src/ssh.txt")));
        assertTrue(Files.readString(dataDir.resolve("ssh/known_hosts")).contains("[127.0.0.1]:"), "host key trusted on first use");
    }

    @Test
    void acceptsAKeyWhoseLineBreaksWereLostInTheForm() throws Exception {
        String pasted = TestSshGitServer.openSsh(server.clientKey()).replace("\n", " ");
        assertEquals(head.name(), fetch(settings(pasted)).commitId());
    }

    @Test
    void failsCleanlyWithAnUnknownKey() throws Exception {
        var e = assertThrows(StepFailedException.class, () -> fetch(settings(TestSshGitServer.openSsh(TestSshGitServer.ecKey()))));
        assertEquals("Access denied to " + Redaction.stripUserInfo(server.url("app")) + ": check the private key", e.getMessage());
        assertFalse(e.getMessage().contains("PRIVATE KEY"));
    }

    @Test
    void refusesAHostKeyThatDoesNotMatchTheKnownHosts() throws Exception {
        Map<String, Object> raw = settings(TestSshGitServer.openSsh(server.clientKey()));
        raw.put("knownHosts", server.knownHostsLine(TestSshGitServer.ecKey().getPublic()));
        var e = assertThrows(StepFailedException.class, () -> fetch(raw));
        assertFalse(Files.exists(workspace.resolve("src/ssh.txt")));
        assertEquals("The SSH host key of 127.0.0.1 does not match the known hosts: check the known hosts field", e.getMessage());

        raw.put("knownHosts", server.knownHostsLine(server.hostKey()));
        assertEquals(head.name(), fetch(raw).commitId());
    }

    @Test
    void refusesAKeyThatCannotBeRead() {
        var e = assertThrows(StepFailedException.class, () -> fetch(settings("-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----")));
        assertTrue(e.getMessage().startsWith("The SSH private key could not be read"), e.getMessage());
    }
}
