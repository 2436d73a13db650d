package io.slipway.core.http;

import java.util.Map;
import java.util.Objects;

/**
 * The one error shape of the REST API:
 * {@code {"error": {"code": "...", "message": "...", "details": {...}}}}.
 */
public record ApiError(Body error) {

    /** The inside of the envelope. */
    public record Body(String code, String message, Map<String, Object> details) {
        public Body {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            details = Map.copyOf(details);
        }
    }

    public static ApiError of(String code, String message, Map<String, Object> details) {
        return new ApiError(new Body(code, message, details));
    }

    public static ApiError of(String code, String message) {
        return of(code, message, Map.of());
    }
}
