package io.slipway.core.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitLinksTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void linksAGithubCommitFromAnHttpsCloneUrl() {
        assertEquals(Optional.of("https://github.com/acme/web/commit/" + SHA),
                CommitLinks.commit("https://github.com/acme/web.git", SHA));
    }

    @Test
    void linksAGitlabCommitFromAnScpStyleUrl() {
        assertEquals(Optional.of("https://gitlab.com/acme/group/web/-/commit/" + SHA),
                CommitLinks.commit("git@gitlab.com:acme/group/web.git", SHA));
    }

    @Test
    void dropsCredentialsFromTheUrl() {
        assertEquals(Optional.of("https://github.com/acme/web"), CommitLinks.repository("https://user:token@github.com/acme/web"));
    }

    @Test
    void givesNoLinkForUnknownHostsOrRevisionsThatAreNotHashes() {
        assertEquals(Optional.empty(), CommitLinks.commit("https://git.example/acme/web.git", SHA));
        assertEquals(Optional.empty(), CommitLinks.commit("https://github.com/acme/web.git", "main"));
        assertEquals(Optional.empty(), CommitLinks.commit("/srv/repos/web", SHA));
    }
}
