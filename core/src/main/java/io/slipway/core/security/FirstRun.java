package io.slipway.core.security;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.security.internal.Secrets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start: there is no default password. With no users, SLIPWAY_ADMIN_PASSWORD creates
 * {@code admin} with that password and SLIPWAY_ADMIN_TOKEN an admin API token with that value;
 * both are ignored once users exist. While nobody can log in with a password, every start logs a
 * one-time setup URL whose page creates the first administrator.
 */
public final class FirstRun {
    private static final Logger LOG = LoggerFactory.getLogger(FirstRun.class);
    public static final String ADMIN = "admin";

    private final UserService users;
    private final AtomicReference<Optional<String>> setupToken;

    private FirstRun(UserService users, Optional<String> setupToken) {
        this.users = users;
        this.setupToken = new AtomicReference<>(setupToken);
    }

    /** Creates what the configuration asks for on a first start, and opens the setup page if needed. */
    public static FirstRun start(SlipwayConfig config, UserService users) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(users, "users");
        if (users.count() == 0) {
            config.adminPassword().filter(p -> !p.isEmpty()).ifPresent(password -> {
                users.create(ADMIN, Optional.of(password), Role.ADMIN);
                LOG.info("First start: created user '{}' with the password from SLIPWAY_ADMIN_PASSWORD", ADMIN);
            });
            config.adminToken().filter(t -> !t.isEmpty()).ifPresent(token -> {
                User admin = users.find(ADMIN).orElseGet(() -> users.create(ADMIN, Optional.empty(), Role.ADMIN));
                users.createTokenWithValue(admin, "SLIPWAY_ADMIN_TOKEN", TokenScope.ADMIN, token);
                LOG.info("First start: created an admin API token for '{}' from SLIPWAY_ADMIN_TOKEN", ADMIN);
            });
        }
        if (users.anyoneCanLogIn()) {
            return new FirstRun(users, Optional.empty());
        }
        String token = Secrets.randomToken();
        String base = config.publicUrl().endsWith("/") ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
        LOG.warn("No administrator can log in yet. Create the first one at {}/setup?token={} "
                + "(or start with SLIPWAY_ADMIN_PASSWORD set)", base, token);
        return new FirstRun(users, Optional.of(token));
    }

    /** Whether the setup page still accepts {@code token}. */
    public boolean accepts(String token) {
        return setupToken.get().map(t -> Secrets.constantTimeEquals(t, token)).orElse(false);
    }

    /** The current setup token, for tests (the server log is where operators find it). */
    Optional<String> setupToken() {
        return setupToken.get();
    }

    public boolean isOpen() {
        return setupToken.get().isPresent() && !users.anyoneCanLogIn();
    }

    /**
     * Creates the first administrator and closes the setup page for good.
     *
     * @throws AccessDeniedException the token is wrong or setup is already done
     */
    public synchronized User complete(String token, String username, String password) {
        if (!isOpen() || !accepts(token)) {
            throw new AccessDeniedException("This setup link is not valid (any more): use the newest one from the server log, "
                    + "or log in.");
        }
        String name = username == null || username.isBlank() ? ADMIN : username;
        Optional<User> existing = users.find(name);
        User admin;
        if (existing.isPresent() && existing.get().role() == Role.ADMIN && !existing.get().hasPassword()) {
            users.setPassword(name, password);
            admin = users.get(name);
        } else {
            admin = users.create(name, Optional.of(password), Role.ADMIN);
        }
        setupToken.set(Optional.empty());
        LOG.info("Setup done: administrator '{}' created", admin.username());
        return admin;
    }
}
