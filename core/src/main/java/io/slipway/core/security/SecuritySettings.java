package io.slipway.core.security;

import java.time.Duration;
import java.util.Objects;

/**
 * Session lifetimes and login limits.
 *
 * @param sessionIdle a session unused this long ends
 * @param sessionAbsolute a session ends this long after login, used or not
 * @param loginsPerIp login attempts one address may make per {@code loginPeriod}
 * @param loginPeriod the window of {@code loginsPerIp}
 * @param failuresBeforeLock failed logins in a row that lock an account
 * @param lockout how long a locked account stays locked
 */
public record SecuritySettings(Duration sessionIdle, Duration sessionAbsolute, int loginsPerIp, Duration loginPeriod,
                               int failuresBeforeLock, Duration lockout) {
    public SecuritySettings {
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(sessionAbsolute, "sessionAbsolute");
        Objects.requireNonNull(loginPeriod, "loginPeriod");
        Objects.requireNonNull(lockout, "lockout");
    }

    public static SecuritySettings defaults() {
        return new SecuritySettings(Duration.ofHours(12), Duration.ofDays(7), 20, Duration.ofMinutes(5), 10,
                Duration.ofMinutes(15));
    }

    /** The configurable parts from the server's settings; windows and lockout length stay fixed. */
    public static SecuritySettings from(io.slipway.core.config.SlipwayConfig config) {
        SecuritySettings d = defaults();
        Duration idle = Duration.ofHours(config.sessionIdleHours());
        return new SecuritySettings(idle.compareTo(d.sessionAbsolute()) > 0 ? d.sessionAbsolute() : idle,
                d.sessionAbsolute(), config.loginRateLimit(), d.loginPeriod(), config.loginLockoutAfter(), d.lockout());
    }
}
