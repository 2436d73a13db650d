package io.slipway.plugins.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepositoryUrlTest {

    @Test
    void namesMirrorsByAHashOfTheUrlNeverByUserText() {
        RepositoryUrl url = RepositoryUrl.parse("https://git.example.org/../../etc/shop.git", false).orElseThrow();
        assertTrue(url.mirrorKey().matches("[0-9a-f]{64}"), url.mirrorKey());
        assertNotEquals(url.mirrorKey(), RepositoryUrl.parse("https://git.example.org/shop.git", false).orElseThrow().mirrorKey());
    }

    @Test
    void tellsKindAndHost() {
        assertEquals(RepositoryUrl.Kind.HTTP, RepositoryUrl.parse("http://git.internal/x.git", false).orElseThrow().kind());
        RepositoryUrl scp = RepositoryUrl.parse("git@Git.Example.org:shop/web.git", false).orElseThrow();
        assertEquals(RepositoryUrl.Kind.SSH, scp.kind());
        assertEquals("git.example.org", scp.host());
        assertEquals("git.example.org", RepositoryUrl.parse("ssh://git@git.example.org:2222/x.git", false).orElseThrow().host());
        assertEquals(RepositoryUrl.Kind.LOCAL, RepositoryUrl.parse("/srv/repo", true).orElseThrow().kind());
    }

    @Test
    void stripsCredentialsFromMessages() {
        assertEquals("https://host/x.git: not authorized",
                Redaction.clean("https://bob:s3cret@host/x.git: not authorized", List.of()));
        assertEquals("token **** was refused", Redaction.clean("token abcd-1234 was refused", List.of("abcd-1234")));
    }

    @Test
    void resolvesRelativeSubmoduleUrlsAgainstTheParent() {
        assertEquals("https://h/org/lib.git", SubmoduleUrls.resolve("https://h/org/app.git", "../lib.git").orElseThrow());
        assertEquals("https://h:8443/org/app.git/sub.git", SubmoduleUrls.resolve("https://h:8443/org/app.git", "./sub.git").orElseThrow());
        assertEquals("git@h:org/lib.git", SubmoduleUrls.resolve("git@h:org/app.git", "../lib.git").orElseThrow());
        assertEquals("https://other/lib.git", SubmoduleUrls.resolve("https://h/org/app.git", "https://other/lib.git").orElseThrow());
        assertTrue(SubmoduleUrls.resolve("https://h/app.git", "../../../x.git").isEmpty());
    }
}
