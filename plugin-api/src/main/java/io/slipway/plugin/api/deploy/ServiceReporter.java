package io.slipway.plugin.api.deploy;

import io.slipway.plugin.api.config.Config;
import java.util.List;

/**
 * An optional capability of a {@link Deployer} whose releases are made of several services (the
 * {@code compose} deployer): the core asks it for each service's state and recent logs to show on
 * the stack page and in {@code /api/v1/stacks/{id}/services}. A deployer that runs one container
 * does not implement it.
 *
 * <pre>{@code
 * @Extension
 * public final class ComposeDeployer implements Deployer, ServiceReporter {
 *     public List<ServiceStatus> services(Release release, Config config) { ... }
 *     public List<String> serviceLogs(Release release, Config config, String service, int lines) { ... }
 * }
 * }</pre>
 */
public interface ServiceReporter {

    /** Each service of {@code release}, in start order; an empty list when nothing runs. */
    List<ServiceStatus> services(Release release, Config config);

    /** The last {@code lines} log lines of {@code service}'s containers (or tasks), oldest first. */
    List<String> serviceLogs(Release release, Config config, String service, int lines);
}
