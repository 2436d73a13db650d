package io.slipway.plugin.api.notify;

import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.config.Config;

/**
 * Tells the outside world about deployment events. Point id: {@code notifier}.
 *
 * <p>Called asynchronously, one event of a deployment at a time per target; a failure (an
 * exception) is retried with back-off by the core and never fails a deployment. Throw a
 * {@link NotifierRetryException} to pass on the service's {@code Retry-After} or to say that no
 * retry can help (a revoked token). {@link DeploymentEvent#details()} carries the event's name,
 * author, duration, failing phase, last log lines and links.
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
