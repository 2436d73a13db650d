package io.slipway.core.security;

import io.slipway.core.InvalidInputException;
import java.util.Locale;

/**
 * What someone may do, weakest first: a viewer reads, a member also configures and deploys, an
 * admin does everything (plugins, settings, users, audit). A user's own role is global; project
 * membership gives a role per project; a token's scope caps both.
 */
public enum Role {
    VIEWER, MEMBER, ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The weaker of two roles. */
    public Role cap(Role other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** The lower-case name used in the API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer}, {@code member} or {@code admin}; 400 on anything else. */
    public static Role parse(String field, String text) {
        if (text != null) {
            for (Role r : values()) {
                if (r.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw InvalidInputException.field(field, "must be one of viewer, member, admin");
    }
}
