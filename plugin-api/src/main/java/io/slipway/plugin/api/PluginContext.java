package io.slipway.plugin.api;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the core gives a plugin's extensions when they are created: the plugin's own folder, its
 * secret store, a shared HTTP client and the clock. A plugin never reaches into core classes.
 *
 * <pre>{@code
 * @Extension
 * public final class SlackNotifier implements Notifier {
 *     private final HttpClient http;
 *     public SlackNotifier(PluginContext context) { this.http = context.httpClient(); }
 *     ...
 * }
 * }</pre>
 */
public interface PluginContext {

    /** The id of the plugin these extensions belong to. */
    String pluginId();

    /** The version of the plugin, from its descriptor. */
    String pluginVersion();

    /** The version of the Slipway server running the plugin. */
    String slipwayVersion();

    /** A folder only this plugin writes to (caches, mirrors); created before the plugin starts. */
    Path dataDir();

    /** Secrets this plugin keeps for itself (tokens it obtained, keys it generated). */
    SecretStore secrets();

    /** The server's shared HTTP client (proxy settings and timeouts applied). */
    HttpClient httpClient();

    /** The clock to use instead of the system's, so tests can move time. */
    Clock clock();

    /**
     * Whether an administrator has allowed a guarded behaviour on this server. Policies are
     * named {@code <plugin>.<what>}; the ones Slipway knows are {@code git.localPaths} (clone from
     * a path or {@code file://} URL on the server) and {@code notifications.allowHttp} (deliver to
     * plain-http URLs). Unknown policies are never allowed.
     *
     * <pre>{@code
     * if (url.isLocal() && !context.adminAllows("git.localPaths")) {
     *     throw new StepFailedException("local paths are disabled; an admin can allow them in Settings");
     * }
     * }</pre>
     *
     * @param policy the policy's name
     * @return true only when an admin switched the policy on
     */
    default boolean adminAllows(String policy) {
        return false;
    }
}
