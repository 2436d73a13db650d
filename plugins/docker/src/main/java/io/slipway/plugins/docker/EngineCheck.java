package io.slipway.plugins.docker;

import com.github.dockerjava.api.model.Version;
import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.SlipwayPluginException;

/** The "test connection" both extensions offer: which engine answers at the configured host. */
final class EngineCheck {
    private EngineCheck() {
    }

    static ConnectionCheck test(EngineSettings settings) {
        try (DockerEngine engine = DockerEngine.open(settings)) {
            Version v = engine.version();
            return ConnectionCheck.ok(
                    "Docker " + v.getVersion() + " (API " + v.getApiVersion() + ") at " + engine.host());
        } catch (SlipwayPluginException e) {
            return ConnectionCheck.failed(e.getMessage());
        } catch (RuntimeException e) {
            return ConnectionCheck.failed(
                    "Docker engine at " + settings.host() + " answered with an error: " + e.getMessage());
        }
    }
}
