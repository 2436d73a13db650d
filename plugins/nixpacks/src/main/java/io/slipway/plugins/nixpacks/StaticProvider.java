package io.slipway.plugins.nixpacks;

import io.slipway.plugin.api.build.PlanRejectedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static sites: an index.html at the top, or a Staticfile naming the folder ({@code root: dist}),
 * served by busybox httpd; with the SPA fallback, paths that match no file get index.html.
 */
final class StaticProvider implements Provider {

    @Override
    public String name() {
        return "staticfile";
    }

    @Override
    public boolean detect(SourceFiles files) {
        return files.hasAny("Staticfile", "index.html");
    }

    @Override
    public ProviderPlan plan(SourceFiles files, NixpacksSettings settings) {
        String root = root(files);
        String dir = root.isEmpty() ? "/app" : "/app/" + root;
        Map<String, List<String>> cmds = new LinkedHashMap<>();
        String start = "httpd -f -v -p ${PORT} -h " + dir;
        if (settings.spaFallback()) {
            // busybox httpd answers paths that match no file with its E404 page (relative to the served
            // folder; answered with status 404, which browsers render). The conf stays outside the folder.
            cmds.put("build", List.of("echo 'E404:index.html' > /etc/httpd.conf"));
            start = start + " -c /etc/httpd.conf";
        }
        return new ProviderPlan(settings.staticImage(), Map.of(), cmds, List.of(), Optional.of(start));
    }

    /** The folder to serve, relative to the source; empty for the top. */
    static String root(SourceFiles files) {
        Optional<String> declared = files.read("Staticfile").flatMap(t -> t.lines().map(String::strip)
                .filter(l -> l.startsWith("root:")).map(l -> l.substring(5).strip()).findFirst());
        String root = declared.orElse("").replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        if (root.isEmpty() || root.equals(".")) {
            return "";
        }
        if (!root.matches("[A-Za-z0-9._/-]+") || root.startsWith("/") || List.of(root.split("/")).contains("..")) {
            throw new PlanRejectedException("Staticfile: 'root: " + declared.get() + "' must name a folder inside the "
                    + "source (letters, digits, . _ - /, no '..').", Optional.empty());
        }
        return root;
    }
}
