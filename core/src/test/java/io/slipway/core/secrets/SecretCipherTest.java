package io.slipway.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.config.ConfigurationException;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    @TempDir
    Path home;

    @Test
    void createsTheKeyFileReadableByItsOwnerOnly() throws Exception {
        Path key = home.resolve("nested").resolve("secret.key");
        SecretCipher cipher = SecretCipher.fromKeyFile(key);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(key).trim()).length);
        String sealed = cipher.encrypt("s3cret");
        assertTrue(sealed.startsWith("v1:"));
        assertEquals("s3cret", SecretCipher.fromKeyFile(key).decrypt(sealed), "the same key is read back");
        assertTrue(Files.notExists(key.resolveSibling("secret.key.tmp")));
    }

    @Test
    void makesAKeyFileOthersCanReadOwnerOnly() throws Exception {
        Path key = home.resolve("secret.key");
        SecretCipher.fromKeyFile(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        SecretCipher.fromKeyFile(key);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void usesTheKeyTheEnvironmentSuppliesAndWritesNoFile() {
        String base64 = KeyFiles.encode(KeyFiles.generate());
        SecretCipher fromEnv = SecretCipher.fromConfig(withKey(Optional.of(base64)));
        SecretCipher again = new SecretCipher(KeyFiles.decode(base64).orElseThrow());
        assertEquals("x", again.decrypt(fromEnv.encrypt("x")));
        assertTrue(Files.notExists(home.resolve("secret.key")));
    }

    @Test
    void refusesASuppliedKeyThatIsNot32Base64Bytes() {
        for (String bad : new String[] {"not base64 at all!", Base64.getEncoder().encodeToString(new byte[16]), ""}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> SecretCipher.fromConfig(withKey(Optional.of(bad))));
            assertTrue(e.getMessage().contains("SLIPWAY_SECRET_KEY must be the base64 of 32 random bytes"), e.getMessage());
        }
    }

    @Test
    void refusesToStartOverAnUnfinishedKeyRotation() throws Exception {
        SecretCipher.fromKeyFile(home.resolve("secret.key"));
        Files.writeString(home.resolve("secret.key.new"), KeyFiles.encode(KeyFiles.generate()));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SecretCipher.fromConfig(withKey(Optional.empty())));
        assertTrue(e.getMessage().contains("a key rotation did not finish"), e.getMessage());
    }

    @Test
    void anotherKeyCannotOpenAValue() {
        SecretCipher one = new SecretCipher(KeyFiles.generate());
        SecretCipher two = new SecretCipher(KeyFiles.generate());
        String sealed = one.encrypt("value");
        assertEquals(Optional.empty(), two.tryDecrypt(sealed));
        assertEquals(Optional.empty(), one.tryDecrypt("v1:bm90IGEgc2VjcmV0"));
        assertEquals(Optional.empty(), one.tryDecrypt("plain text"));
        assertThrows(IllegalStateException.class, () -> two.decrypt(sealed));
        assertNotEquals(one.encrypt("value"), one.encrypt("value"), "a fresh IV each time");
    }

    @Test
    void aServerWithAnUnusableSuppliedKeyDoesNotStartAndSaysWhy() {
        SlipwayConfig config = withKey(Optional.of("short"));
        Exception e = assertThrows(Exception.class, () -> {
            var server = io.slipway.core.server.EmbeddedServer.start(config, Optional.empty());
            try {
                server.core();
            } finally {
                server.stop();
            }
        });
        assertTrue(e.getMessage().contains("SLIPWAY_SECRET_KEY must be the base64 of 32 random bytes"), e.getMessage());
    }

    private SlipwayConfig withKey(Optional<String> key) {
        SlipwayConfig b = TestServer.config(home, 1024 * 1024);
        return new SlipwayConfig(b.home(), 0, 0, b.baseDomain(), b.dbUrl(), "", "", Optional.empty(), Optional.empty(),
                1, b.maxBodyBytes(), b.maxPluginBytes(), b.publicUrl(), Optional.empty(), key,
                SlipwayConfig.DEFAULT_API_RATE_LIMIT, SlipwayConfig.DEFAULT_HOOKS_RATE_LIMIT);
    }
}
