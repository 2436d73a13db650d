package io.slipway.plugin.api.build;

/**
 * An optional capability of a {@link Builder} that can say, before building, what it would do: the
 * providers it detected, the phases with their commands, the start command and the variables. The
 * core serves it as {@code GET /api/v1/apps/{app}/plan} (shaped like {@code nixpacks plan}) and
 * shows it on the app page before the first deploy.
 *
 * <p>Must be pure apart from reading {@link PlanRequest#sourceDir()}: no engine, no network.
 *
 * <pre>{@code
 * @Extension
 * public final class NixpacksBuilder implements Builder, BuildPlanner {
 *     public BuildPlan plan(PlanRequest request) {
 *         if (Files.exists(request.sourceDir().resolve("package.json"))) {
 *             return new BuildPlan(List.of("node"), "node:20-slim", Map.of("NODE_ENV", "production"),
 *                 List.of(new PlanPhase("install", List.of(), List.of("npm ci"), List.of())),
 *                 "npm start");
 *         }
 *         throw new PlanRejectedException("Nothing to build: add a package.json", Optional.empty());
 *     }
 *     ...
 * }
 * }</pre>
 */
public interface BuildPlanner {

    /**
     * @throws PlanRejectedException when the source or its build configuration cannot be planned
     *         (a malformed {@code nixpacks.toml}, an unknown provider); the caller gets 400
     */
    BuildPlan plan(PlanRequest request);
}
