package io.slipway.core.settings;

import java.util.Objects;

/**
 * A setting an administrator switches at run time. All of them are on/off policies for now, off
 * unless switched on: each guards behaviour that is unsafe on a shared server.
 *
 * @param name dotted, {@code <area>.<what>}, the name plugins ask {@code PluginContext.adminAllows} for
 * @param label short, for the settings page
 * @param help what switching it on allows, and why it is off by default
 */
public record ServerSetting(String name, String label, String help) {
    public static final ServerSetting GIT_LOCAL_PATHS = new ServerSetting("git.localPaths",
            "Clone from local paths",
            "Lets apps use a path or file:// URL on this server as their git source. Anyone who can configure an "
                    + "app could then read any repository the Slipway user can read.");
    public static final ServerSetting NOTIFICATIONS_ALLOW_HTTP = new ServerSetting("notifications.allowHttp",
            "Deliver notifications over plain http",
            "Lets notification targets use http:// URLs. Events and signatures then travel unencrypted.");

    public ServerSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(help, "help");
    }
}
