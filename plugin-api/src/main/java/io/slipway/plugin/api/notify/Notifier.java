package io.slipway.plugin.api.notify;

import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.config.Config;

/**
 * Tells the outside world about deployment events. Point id: {@code notifier}.
 *
 * <p>Called asynchronously; a failure (an exception) is retried with back-off by the core and
 * never fails a deployment.
 *
 * <pre>{@code
 * public void notify(DeploymentEvent event, Config config) {
 *     http.send(HttpRequest.newBuilder(URI.create(config.require("url")))
 *         .POST(BodyPublishers.ofString(toJson(event))).build(), BodyHandlers.discarding());
 * }
 * }</pre>
 */
public interface Notifier extends SlipwayExtension {

    void notify(DeploymentEvent event, Config config);
}
