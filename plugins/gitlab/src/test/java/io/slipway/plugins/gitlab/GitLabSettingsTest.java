package io.slipway.plugins.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitLabSettingsTest {

    @Test
    void readsInstanceAndNestedProjectPath() {
        assertEquals(Optional.of(new ProjectPath("https://gitlab.com", "acme/web/shop")), ProjectPath.parse("https://gitlab.com/acme/web/shop.git"));
        assertEquals(Optional.of(new ProjectPath("http://127.0.0.1:8929", "acme/shop")), ProjectPath.parse("http://127.0.0.1:8929/acme/shop/"));
        for (String bad : List.of("", "acme/shop", "https://gitlab.com/acme", "ssh://git@gitlab.com/acme/shop.git",
                "https://gitlab.com/acme/../shop", "https://gitlab.com/acme/sh;op", "https://gitlab.com/acme/shop?x=1")) {
            assertEquals(Optional.empty(), ProjectPath.parse(bad), bad);
        }
    }

    @Test
    void apiBaseUrlDefaultsToTheProjectsHostAndCanBeSetForSelfHosted() {
        assertEquals("https://gitlab.example.org", GitLabSettings.from(new Config(Map.of("url", "https://gitlab.example.org/a/b"))).apiBaseUrl());
        assertEquals("https://gitlab.internal", GitLabSettings.from(new Config(Map.of("url", "https://gitlab.example.org/a/b",
                "baseUrl", "https://gitlab.internal/"))).apiBaseUrl());
    }

    @Test
    void clonesWithTheProjectAccessToken() {
        GitLabSettings settings = GitLabSettings.from(new Config(Map.of("url", "https://gitlab.example.org/a/b.git", "token", "glpat-x")));
        assertEquals(Map.of("url", "https://gitlab.example.org/a/b.git", "branch", "main", "username", "oauth2", "token", "glpat-x"),
                settings.gitConfig().values());
    }

    @Test
    void rejectsBadUrls() {
        assertEquals(List.of("url"), fields(Map.of("url", "gitlab.com/acme/shop")));
        assertEquals(List.of("baseUrl"), fields(Map.of("url", "https://gitlab.com/acme/shop", "baseUrl", "file:///etc")));
        assertTrue(fields(Map.of("url", "https://gitlab.com/acme/shop")).isEmpty());
    }

    private static List<String> fields(Map<String, Object> values) {
        return GitLabSettings.validate(new Config(values)).stream().map(FieldError::field).toList();
    }
}
