package io.slipway.plugins.nixpacks;

import io.slipway.plugin.api.build.PlanRejectedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static sites: an index.html at the top, or a Staticfile naming the folder ({@code root: dist}),
 * served by nginx (as Nixpacks does) with a generated {@link NginxConfig}; with the SPA fallback, paths
 * that match no file get index.html with status 200.
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
        // The config is a file of the build context (not echoed by a RUN): no text reaches a shell.
        return new ProviderPlan(settings.staticImage(), Map.of(), Map.of(), List.of(),
                Optional.of("nginx -c " + NginxConfig.PATH),
                Map.of("nginx.conf", NginxConfig.write(settings.port(), dir, settings.spaFallback())));
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
