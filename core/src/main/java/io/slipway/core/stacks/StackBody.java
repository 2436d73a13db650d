package io.slipway.core.stacks;

import io.slipway.core.apps.ExtensionChoice;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/v1/stacks} and {@code PATCH /api/v1/stacks/{id}} (where every
 * field is optional). Give {@code compose} (the file pasted in) or {@code composePath} (its path
 * in the repository {@code source} fetches).
 *
 * <pre>{@code
 * {"project": "shop", "name": "shop-stack", "compose": "services: ...", "expose": "web:80"}
 * }</pre>
 *
 * @param expose the service:port pairs the router reaches, e.g. {@code web:80}; the first answers at
 *     the stack's host
 * @param mode {@code auto}, {@code engine} or {@code swarm}
 * @param source where the repository is; without it a pasted file needs no repository
 */
public record StackBody(String project, String name, String compose, String composePath, String expose, String mode,
                        String swarmPublish, Boolean removeVolumes, ExtensionChoice source, ExtensionChoice health,
                        Map<String, String> env) {
}
