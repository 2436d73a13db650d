package io.slipway.core.security;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.security.internal.MemberStore;
import io.slipway.core.security.internal.PasswordHasher;
import io.slipway.core.security.internal.SessionStore;
import io.slipway.core.security.internal.TokenStore;
import io.slipway.core.security.internal.UserStore;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/** Builds the security services once, for the composition root, and runs the first-start steps. */
public final class SecurityServices {
    private SecurityServices() {
    }

    /** The services by the type resources inject (all listed in SlipwayCore.SERVICE_TYPES). */
    public static Map<Class<?>, Object> start(SlipwayConfig config, Jdbi jdbi, Clock clock) {
        Objects.requireNonNull(jdbi, "jdbi");
        UserStore userStore = new UserStore(jdbi);
        TokenStore tokenStore = new TokenStore(jdbi);
        MemberStore memberStore = new MemberStore(jdbi);
        PasswordHasher hasher = new PasswordHasher();
        UserService users = new UserService(userStore, tokenStore, memberStore, hasher, clock);
        Authenticator authenticator = new Authenticator(userStore, new SessionStore(jdbi), tokenStore, hasher,
                SecuritySettings.from(config), clock);
        FirstRun firstRun = FirstRun.start(config, users);
        return Map.of(UserService.class, users, Authenticator.class, authenticator,
                AccessPolicy.class, new AccessPolicy(memberStore), FirstRun.class, firstRun);
    }
}
