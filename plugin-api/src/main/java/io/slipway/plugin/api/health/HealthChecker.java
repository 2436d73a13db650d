package io.slipway.plugin.api.health;

import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.step.StepContext;

/**
 * Probes a started release until it is healthy or its attempts run out. Point id: {@code health}.
 *
 * <p>Never blocks past {@link StepContext#deadline()}; honours cancellation between attempts.
 *
 * <pre>{@code
 * public HealthResult check(Release release, Config config, StepContext step) {
 *     Endpoint e = release.endpoint().orElseThrow();
 *     try (Socket s = new Socket()) { s.connect(new InetSocketAddress(e.host(), e.port()), 1000); }
 *     return HealthResult.healthy("port " + e.port() + " accepts connections", 1);
 * }
 * }</pre>
 */
public interface HealthChecker extends SlipwayExtension {

    HealthResult check(Release release, Config config, StepContext step);
}
