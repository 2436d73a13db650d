/**
 * Slipway's plugin SDK: the extension points a plugin implements and the values they exchange.
 *
 * <p>A plugin is a PF4J plugin JAR that compiles against this module only ({@code provided} scope)
 * and annotates its implementations with {@code @org.pf4j.Extension}. Every extension implements
 * one of the points below, each a {@link io.slipway.plugin.api.SlipwayExtension}:
 * {@link io.slipway.plugin.api.source.SourceProvider},
 * {@link io.slipway.plugin.api.source.WebhookReceiver},
 * {@link io.slipway.plugin.api.source.CommitStatusPublisher},
 * {@link io.slipway.plugin.api.build.Builder}, {@link io.slipway.plugin.api.deploy.Deployer},
 * {@link io.slipway.plugin.api.health.HealthChecker} and
 * {@link io.slipway.plugin.api.notify.Notifier}.
 *
 * <pre>{@code
 * @Extension
 * public final class HelloNotifier implements Notifier {
 *     private final PluginContext context;
 *     public HelloNotifier(PluginContext context) { this.context = context; }
 *     public String id() { return "hello"; }
 *     public String displayName() { return "Hello"; }
 *     public void notify(DeploymentEvent event, Config config) {
 *         System.out.println("Deployment " + event.deploymentId() + " is " + event.phase());
 *     }
 * }
 * }</pre>
 *
 * <p>Signatures here hold only JDK types and this module's own records and interfaces, so the
 * SDK survives changes of the server's libraries. New capabilities arrive as {@code default}
 * methods.
 */
package io.slipway.plugin.api;
