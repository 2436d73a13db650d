package io.slipway.core.http;

import io.slipway.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list, as asked for by {@code ?limit=&cursor=}. Lists are ordered by a unique key
 * (a name); the cursor is an opaque token holding the last key of the previous page, so clients
 * must not build it themselves and pages stay stable while rows are added.
 *
 * @param limit how many items at most (1..{@value #MAX_LIMIT})
 * @param after the key the page starts after; empty for the first page
 */
public record PageRequest(int limit, Optional<String> after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String CURSOR_PREFIX = "k1:";

    public PageRequest {
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit out of range: " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    /**
     * Reads the query parameters; absent ones take their defaults.
     *
     * @throws InvalidInputException naming {@code limit} or {@code cursor} when they are unusable
     */
    public static PageRequest parse(String limit, String cursor) {
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw InvalidInputException.field("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (cursor == null || cursor.isBlank()) {
            return first(n);
        }
        return new PageRequest(n, Optional.of(decode(cursor.trim())));
    }

    /** The number of rows to fetch: one more than the limit tells whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            text = "";
        }
        if (!text.startsWith(CURSOR_PREFIX) || text.length() == CURSOR_PREFIX.length()) {
            throw InvalidInputException.field("cursor",
                    "is not a cursor this server issued; use the nextCursor of the previous page or leave it out");
        }
        return text.substring(CURSOR_PREFIX.length());
    }
}
