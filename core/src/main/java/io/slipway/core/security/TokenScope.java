package io.slipway.core.security;

import io.slipway.core.InvalidInputException;
import java.util.Locale;

/** What an API token may do at most, whatever its user's role: read, deploy (member) or admin. */
public enum TokenScope {
    READ(Role.VIEWER), DEPLOY(Role.MEMBER), ADMIN(Role.ADMIN);

    private final Role cap;

    TokenScope(Role cap) {
        this.cap = cap;
    }

    /** The strongest role a request made with this token can have. */
    public Role cap() {
        return cap;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code read}, {@code deploy} or {@code admin}; 400 on anything else. */
    public static TokenScope parse(String field, String text) {
        if (text != null) {
            for (TokenScope s : values()) {
                if (s.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw InvalidInputException.field(field, "must be one of read, deploy, admin");
    }
}
