package io.slipway.plugins.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the core does with a settings form: the schema's parse, then the extension's validate. */
class GitSourceConfigValidationTest {
    @TempDir
    Path dataDir;

    private List<FieldError> errors(Map<String, Object> raw) {
        return errors(raw, Set.of());
    }

    private List<FieldError> errors(Map<String, Object> raw, Set<String> allowed) {
        GitSourceProvider provider = new GitSourceProvider(TestContexts.plugin(dataDir, allowed));
        try {
            return provider.validate(provider.configSchema().parse(raw));
        } catch (InvalidConfigException e) {
            return e.errors();
        }
    }

    private List<FieldError> urlErrors(String url) {
        return errors(Map.of("url", url));
    }

    private static List<String> fields(List<FieldError> errors) {
        var names = new ArrayList<String>();
        errors.forEach(e -> names.add(e.field()));
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://git.example.org/shop/web.git",
        "http://git.internal:3000/shop/web.git",
        "ssh://git@git.example.org/shop/web.git",
        "ssh://git.example.org:2222/shop/web.git",
        "git@github.com:shop/web.git",
        "HTTPS://GIT.EXAMPLE.ORG/shop/web.git"})
    void acceptsRemoteUrls(String url) {
        assertEquals(List.of(), urlErrors(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "file:///srv/repo",
        "/srv/repo",
        "./repo",
        "../repo",
        "~/repo",
        "repo"})
    void rejectsLocalRepositoriesUnlessAllowed(String url) {
        List<FieldError> errors = urlErrors(url);
        assertEquals(List.of("url"), fields(errors));
        assertTrue(errors.get(0).message().contains("local repositories are not allowed"), errors.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ext::sh -c touch% /tmp/pwned",
        "ext::ssh -oProxyCommand=x host",
        "fd::17",
        "git://git.example.org/shop.git",
        "ftp://git.example.org/shop.git",
        "-uhttps://git.example.org/shop.git",
        "--upload-pack=touch /tmp/x",
        "https://bob:s3cret@git.example.org/shop.git",
        "https://token@git.example.org/shop.git",
        "ssh://git:pw@git.example.org/shop.git",
        "https://git.example.org/shop.git foo",
        "https:///shop.git",
        "https://git.example.org",
        "https://-oProxyCommand=x/shop.git",
        "-oProxyCommand=x@host:path"})
    void rejectsOtherSchemesAndOptionLookalikes(String url) {
        assertEquals(List.of("url"), fields(urlErrors(url)), url);
    }

    @Test
    void neverEchoesCredentialsFromARejectedUrl() {
        List<FieldError> errors = urlErrors("https://bob:s3cret@git.example.org/shop.git");
        assertTrue(errors.stream().noneMatch(e -> e.message().contains("s3cret")), errors.toString());
    }

    @Test
    void acceptsLocalRepositoriesWhenAnAdminAllowsThem() {
        Set<String> allowed = Set.of(GitSourceProvider.LOCAL_PATHS_POLICY);
        assertEquals(List.of(), errors(Map.of("url", "/srv/repo"), allowed));
        assertEquals(List.of(), errors(Map.of("url", "file:///srv/repo"), allowed));
        assertEquals(List.of("url"), fields(errors(Map.of("url", "ext::sh -c x"), allowed)),
                "transport helpers stay refused");
        assertEquals(List.of("url"), fields(errors(Map.of("url", "/srv/repo"), Set.of("notifications.allowHttp"))),
                "another policy does not allow local paths");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-main", "a..b", "has space", "tab\tx", "x~1", "x^2", "a:b", "what?", "st*r", "br[acket", "back\\slash",
        "ctl\u0007", "@", "a@{1}", "/lead", "trail/", "dou//ble", "end.", ".hidden", "x.lock", "a/.b"})
    void rejectsInvalidBranchNames(String branch) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("url", "https://git.example.org/shop.git");
        raw.put("branch", branch);
        assertEquals(List.of("branch"), fields(errors(raw)), branch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "feature/login", "release-1.2", "v1.2.0", "user@host", "9fceb02d0ae598e95dc970b74767f19372d61af8"})
    void acceptsValidBranchTagAndCommitNames(String branch) {
        assertEquals(List.of(), errors(Map.of("url", "https://git.example.org/shop.git", "branch", branch)));
    }

    @Test
    void rejectsCredentialsOfTheWrongKindAndAnOutOfRangeTimeout() {
        assertEquals(List.of("token"), fields(errors(Map.of("url", "git@host.example:shop.git", "token", "abc"))));
        assertEquals(List.of("privateKey"), fields(errors(Map.of("url", "https://host.example/shop.git", "privateKey", "key"))));
        assertEquals(List.of("timeoutSeconds"), fields(errors(Map.of("url", "https://host.example/shop.git", "timeoutSeconds", 0))));
    }

    @Test
    void marksCredentialsAsSecretFields() {
        var schema = new GitSourceProvider(TestContexts.plugin(dataDir)).configSchema();
        for (String secret : List.of("token", "privateKey", "passphrase")) {
            assertTrue(schema.field(secret).orElseThrow().isSecret(), secret);
        }
    }
}
