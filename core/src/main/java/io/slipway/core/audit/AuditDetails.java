package io.slipway.core.audit;

import java.util.Map;

/**
 * Implemented by a response entity that has facts worth keeping in the audit record of the
 * request that produced it (a plugin's version and JAR sha256). Never a secret's value.
 *
 * <pre>{@code
 * record PluginInfo(...) implements AuditDetails {
 *     public Map<String, String> auditDetails() { return Map.of("sha256", sha256); }
 * }
 * }</pre>
 */
public interface AuditDetails {
    /** The request property under which code handling a request may leave a {@code Map<String, String>} of facts. */
    String PROPERTY = "slipway.audit.details";

    Map<String, String> auditDetails();
}
