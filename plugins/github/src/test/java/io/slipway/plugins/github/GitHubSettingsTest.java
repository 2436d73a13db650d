package io.slipway.plugins.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitHubSettingsTest {

    @Test
    void readsOwnerAndNameFromUrlsAndFullNames() {
        assertEquals(Optional.of(new RepositoryName("acme", "shop")), RepositoryName.parse("https://github.com/acme/shop.git"));
        assertEquals(Optional.of(new RepositoryName("acme", "shop.web")), RepositoryName.parse("https://ghe.example.org/acme/shop.web/"));
        assertEquals(Optional.of(new RepositoryName("acme", "shop")), RepositoryName.parse("acme/shop"));
        for (String bad : List.of("", "acme", "https://github.com/acme", "acme/shop/extra", "../etc/passwd", "acme/..",
                "ac me/shop", "acme/sh;op", "-acme/shop")) {
            assertEquals(Optional.empty(), RepositoryName.parse(bad), bad);
        }
    }

    @Test
    void clonesWithTheTokenAsPasswordOfXAccessToken() {
        GitHubSettings settings = GitHubSettings.from(new Config(Map.of("url", "https://github.com/acme/shop", "branch", "dev")));
        Config git = settings.gitConfig("https://github.com/acme/shop", Optional.of("ghs_abc"));
        assertEquals(Map.of("url", "https://github.com/acme/shop", "branch", "dev", "username", "x-access-token", "token", "ghs_abc"),
                git.values());
        assertEquals(Map.of("url", "https://github.com/acme/shop", "branch", "dev"),
                settings.gitConfig("https://github.com/acme/shop", Optional.empty()).values());
    }

    @Test
    void ownerSlashNameClonesFromTheApisWebHost() {
        assertEquals("https://github.com/acme/shop.git", GitHubSourceProvider.cloneUrl(
                GitHubSettings.from(new Config(Map.of("url", "acme/shop")))));
        assertEquals("https://ghe.example.org/acme/shop.git", GitHubSourceProvider.cloneUrl(
                GitHubSettings.from(new Config(Map.of("url", "acme/shop", "apiUrl", "https://ghe.example.org/api/v3/")))));
    }

    @Test
    void rejectsHalfAGitHubAppAndBadUrls() {
        assertEquals(List.of("url"), fields(Map.of("url", "https://github.com/acme")));
        assertEquals(List.of("url"), fields(Map.of("url", "http://github.com/acme/shop")));
        assertEquals(List.of("apiUrl"), fields(Map.of("url", "acme/shop", "apiUrl", "ftp://x")));
        assertEquals(List.of("installationId"), fields(Map.of("url", "acme/shop", "appId", 1L,
                "privateKey", "-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----")));
        assertEquals(List.of("token"), fields(Map.of("url", "acme/shop", "appId", 1L, "installationId", 2L, "token", "ghp_x",
                "privateKey", "-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----")));
        assertEquals(List.of("privateKey"), fields(Map.of("url", "acme/shop", "appId", 1L, "installationId", 2L, "privateKey", "not a key")));
        assertTrue(fields(Map.of("url", "https://github.com/acme/shop", "token", "ghp_x")).isEmpty());
    }

    private static List<String> fields(Map<String, Object> values) {
        return GitHubSettings.validate(new Config(values)).stream().map(FieldError::field).toList();
    }
}
