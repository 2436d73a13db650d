package io.slipway.core.security;

import io.slipway.core.projects.SqlTimes;
import io.slipway.core.ratelimit.RateLimiter;
import io.slipway.core.security.internal.PasswordHasher;
import io.slipway.core.security.internal.Secrets;
import io.slipway.core.security.internal.SessionStore;
import io.slipway.core.security.internal.StoredUser;
import io.slipway.core.security.internal.TokenStore;
import io.slipway.core.security.internal.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out who is calling: logs in with a password (rate-limited per address, accounts locked
 * after repeated failures), opens and ends sessions, and checks session cookies and bearer
 * tokens. Sessions and failure counts live in the database, so they survive restarts and are
 * shared by several servers; the per-address limit is per server.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    /** Last-seen and last-used times are written at most this often per session or token. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final UserStore users;
    private final SessionStore sessions;
    private final TokenStore tokens;
    private final PasswordHasher hasher;
    private final SecuritySettings settings;
    private final RateLimiter loginsPerIp;
    private final Clock clock;

    public Authenticator(UserStore users, SessionStore sessions, TokenStore tokens, PasswordHasher hasher,
                         SecuritySettings settings, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loginsPerIp = new RateLimiter(settings.loginsPerIp(), settings.loginPeriod(), clock);
    }

    public SecuritySettings settings() {
        return settings;
    }

    /**
     * Checks a password and opens a session.
     *
     * @throws LoginRefusedException too many attempts from {@code address}, or the account is locked
     * @throws UnauthenticatedException wrong user name or password (the message does not say which)
     */
    public NewSession login(String username, String password, String address) {
        Objects.requireNonNull(address, "address");
        Optional<Duration> wait = loginsPerIp.acquire("login-ip:" + address);
        if (wait.isPresent()) {
            throw LoginRefusedException.tooMany(wait.get());
        }
        Instant now = SqlTimes.now(clock);
        Optional<StoredUser> found = users.find(username == null ? "" : username.strip());
        if (found.isPresent() && found.get().lockedUntil().filter(now::isBefore).isPresent()) {
            throw LoginRefusedException.locked(Duration.between(now, found.get().lockedUntil().get()));
        }
        boolean ok;
        if (found.isPresent() && found.get().passwordHash().isPresent()) {
            ok = hasher.verify(password, found.get().passwordHash().get());
        } else {
            hasher.verifyDummy(password);
            ok = false;
        }
        if (!ok) {
            found.ifPresent(u -> recordFailure(u, now));
            throw new UnauthenticatedException("Wrong user name or password.");
        }
        StoredUser user = found.get();
        users.resetFailures(user.user().id());
        return open(user, now);
    }

    private void recordFailure(StoredUser user, Instant now) {
        boolean lock = user.failedLogins() + 1 >= settings.failuresBeforeLock();
        users.recordFailure(user.user().id(), lock ? Optional.of(now.plus(settings.lockout())) : Optional.empty());
        if (lock) {
            LOG.warn("Account '{}' locked for {} after {} failed logins", user.user().username(), settings.lockout(),
                    settings.failuresBeforeLock());
        }
    }

    private NewSession open(StoredUser user, Instant now) {
        String value = Secrets.randomToken();
        sessions.insert(Secrets.sha256(value), user.user().id(), Secrets.randomToken(), now, now.plus(settings.sessionAbsolute()));
        // Expired rows of everyone go whenever someone logs in: no scheduler needed.
        sessions.deleteExpired(now, now.minus(settings.sessionIdle()));
        return new NewSession(user.user(), value, settings.sessionAbsolute());
    }

    /** The caller behind a session cookie, if the session exists and has not expired. */
    public Optional<Caller> session(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(cookieValue);
        Optional<SessionStore.Row> row = sessions.find(hash);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        SessionStore.Row s = row.get();
        if (!now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(settings.sessionIdle()))) {
            sessions.delete(hash);
            return Optional.empty();
        }
        if (now.isAfter(s.lastSeenAt().plus(TOUCH_EVERY))) {
            sessions.touch(hash, SqlTimes.now(clock));
        }
        User user = s.user().user();
        return Optional.of(new Caller(user, Role.ADMIN, Optional.of(s.csrfToken()), "user:" + user.username()));
    }

    /** The caller behind an API token; 401 when it is unknown, expired or revoked. */
    public Caller bearer(String token) {
        Optional<ApiToken> found = token == null || token.isBlank() ? Optional.empty()
                : tokens.findByHash(Secrets.sha256(token.strip()));
        Instant now = clock.instant();
        if (found.isEmpty()) {
            throw new UnauthenticatedException("The API token is not valid: create a new one on your account page.");
        }
        ApiToken t = found.get();
        if (t.revokedAt().isPresent()) {
            throw new UnauthenticatedException("The API token '" + t.name() + "' was revoked: create a new one on your account page.");
        }
        if (!t.usableAt(now)) {
            throw new UnauthenticatedException("The API token '" + t.name() + "' has expired: create a new one on your account page.");
        }
        if (t.lastUsedAt().map(last -> now.isAfter(last.plus(TOUCH_EVERY))).orElse(true)) {
            tokens.touch(t.id(), SqlTimes.now(clock));
        }
        User user = users.find(t.userId()).orElseThrow(() -> new UnauthenticatedException("The API token's user is gone.")).user();
        return new Caller(user, t.scope().cap(), Optional.empty(), "token:" + t.name() + " (" + user.username() + ")");
    }

    /** Ends the session behind the cookie (nothing happens for an unknown one). */
    public void logout(String cookieValue) {
        if (cookieValue != null && !cookieValue.isEmpty()) {
            sessions.delete(Secrets.sha256(cookieValue));
        }
    }

    /** Ends every session of a user (password changed, user deleted or demoted). */
    public void logoutEverywhere(User user) {
        sessions.deleteForUser(user.id());
    }
}
