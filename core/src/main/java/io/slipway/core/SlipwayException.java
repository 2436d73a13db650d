package io.slipway.core;

/**
 * The root of what the core throws on purpose. Each subclass names what failed and carries the
 * HTTP status and error code the REST API answers with; the message tells a user what to do.
 */
public class SlipwayException extends RuntimeException {
    private final int status;
    private final String code;

    public SlipwayException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public SlipwayException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status a request that caused this answers with. */
    public int status() {
        return status;
    }

    /** A stable, machine-readable error code ({@code not_found}). */
    public String code() {
        return code;
    }

    /** Extra facts for {@code error.details}; none by default. */
    public java.util.Map<String, Object> details() {
        return java.util.Map.of();
    }
}
