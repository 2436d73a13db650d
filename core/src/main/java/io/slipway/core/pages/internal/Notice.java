package io.slipway.core.pages.internal;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one-line confirmation a page shows after a POST redirected to it ({@code ?done=app-saved&name=web}).
 * Only known codes and plain names are shown, so a crafted link cannot put arbitrary text on a page.
 */
public final class Notice {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("project-created", "Project %s created. Add an app to it next."),
            Map.entry("app-created", "App %s created. Choose where its source comes from and how it is built and deployed."),
            Map.entry("app-saved", "Settings of %s saved."),
            Map.entry("app-deleted", "App %s deleted."),
            Map.entry("env-saved", "Variable %s saved."),
            Map.entry("env-deleted", "Variable %s deleted."),
            Map.entry("plugin-installed", "Plugin %s installed."),
            Map.entry("plugin-enabled", "Plugin %s enabled."),
            Map.entry("plugin-disabled", "Plugin %s disabled."),
            Map.entry("plugin-uninstalled", "Plugin %s uninstalled."));

    private Notice() {
    }

    public static Optional<String> of(String done, String name) {
        if (done == null || name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(TEXTS.get(done)).map(t -> t.formatted(name));
    }

    /** The query string that asks for this notice. */
    public static String query(String done, String name) {
        return "?done=" + done + "&name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }
}
