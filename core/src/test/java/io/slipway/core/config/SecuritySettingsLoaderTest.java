package io.slipway.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets' key, the rate limits and the login limits, from the environment or their defaults. */
class SecuritySettingsLoaderTest {
    @TempDir
    Path home;

    @Test
    void defaultsLimitHighEnoughForBenchesAndUseTheKeyFile() {
        SlipwayConfig c = load(Map.of());
        assertEquals(6000, c.apiRateLimit());
        assertEquals(1200, c.hooksRateLimit());
        assertEquals(Optional.empty(), c.secretKey());
        assertEquals(home.resolve("secret.key"), c.secretKeyFile());
    }

    @Test
    void readsTheKeyAndLimitsFromTheEnvironmentAndNeverPrintsTheKey() {
        SlipwayConfig c = load(Map.of("SLIPWAY_SECRET_KEY", "c2VjcmV0LWtleS1ub3QtcHJpbnRlZC0wMTIzNDU2Nzg=",
                "SLIPWAY_API_RATE_LIMIT", "0", "SLIPWAY_HOOKS_RATE_LIMIT", "30", "SLIPWAY_DB_PASSWORD", "db-pass-9"));
        assertEquals(Optional.of("c2VjcmV0LWtleS1ub3QtcHJpbnRlZC0wMTIzNDU2Nzg="), c.secretKey());
        assertEquals(0, c.apiRateLimit());
        assertEquals(30, c.hooksRateLimit());
        assertTrue(!c.toString().contains("c2VjcmV0") && !c.toString().contains("db-pass-9"), c.toString());
    }

    @Test
    void refusesLimitsThatAreNotWholeNumbersFromZero() {
        ConfigurationException text = assertThrows(ConfigurationException.class,
                () -> load(Map.of("SLIPWAY_API_RATE_LIMIT", "lots")));
        assertTrue(text.getMessage().contains("SLIPWAY_API_RATE_LIMIT"), text.getMessage());
        ConfigurationException negative = assertThrows(ConfigurationException.class,
                () -> load(Map.of("SLIPWAY_HOOKS_RATE_LIMIT", "-5")));
        assertTrue(negative.getMessage().contains("SLIPWAY_HOOKS_RATE_LIMIT"), negative.getMessage());
    }

    @Test
    void previewReconcileIntervalDefaultsTo15MinutesAndRefusesZero() {
        assertEquals(15, load(Map.of()).previewReconcileMinutes());
        assertEquals(2, load(Map.of("SLIPWAY_PREVIEW_RECONCILE_MINUTES", "2")).previewReconcileMinutes());
        ConfigurationException zero = assertThrows(ConfigurationException.class,
                () -> load(Map.of("SLIPWAY_PREVIEW_RECONCILE_MINUTES", "0")));
        assertTrue(zero.getMessage().contains("SLIPWAY_PREVIEW_RECONCILE_MINUTES"), zero.getMessage());
    }

    @Test
    void readsLoginLimitsAndSessionIdleTime() {
        SlipwayConfig c = load(Map.of("SLIPWAY_LOGIN_RATE_LIMIT", "5", "SLIPWAY_LOGIN_LOCKOUT_AFTER", "3",
                "SLIPWAY_SESSION_IDLE_HOURS", "1"));
        io.slipway.core.security.SecuritySettings s = io.slipway.core.security.SecuritySettings.from(c);
        assertEquals(5, s.loginsPerIp());
        assertEquals(3, s.failuresBeforeLock());
        assertEquals(java.time.Duration.ofHours(1), s.sessionIdle());
        assertEquals(io.slipway.core.security.SecuritySettings.defaults(), io.slipway.core.security.SecuritySettings
                .from(load(Map.of())));
    }

    @Test
    void refusesLoginLimitsBelowOne() {
        ConfigurationException zero = assertThrows(ConfigurationException.class,
                () -> load(Map.of("SLIPWAY_LOGIN_LOCKOUT_AFTER", "0")));
        assertTrue(zero.getMessage().contains("SLIPWAY_LOGIN_LOCKOUT_AFTER"), zero.getMessage());
    }

    private SlipwayConfig load(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SLIPWAY_HOME", home.toString());
        return new SlipwayConfigLoader(all, new Properties()).load();
    }
}
