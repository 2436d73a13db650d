package io.slipway.plugins.git;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads a commit's {@code .gitmodules} and resolves each submodule's URL against the parent's,
 * as git does for relative URLs ({@code ../lib.git}).
 *
 * <pre>{@code
 * Map<String, String> urlsByPath = SubmoduleUrls.read(mirror, commit);
 * SubmoduleUrls.resolve("https://h/org/app.git", "../lib.git"); // "https://h/org/lib.git"
 * }</pre>
 */
final class SubmoduleUrls {
    private SubmoduleUrls() {
    }

    /** Submodule URLs by path, as written in {@code .gitmodules}; empty when there is none. */
    static Map<String, String> read(Repository repo, RevCommit commit) throws IOException {
        Map<String, String> urls = new HashMap<>();
        try (TreeWalk walk = TreeWalk.forPath(repo, ".gitmodules", commit.getTree())) {
            if (walk == null) {
                return urls;
            }
            Config modules = new Config();
            modules.fromText(new String(repo.open(walk.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8));
            for (String name : modules.getSubsections("submodule")) {
                String path = modules.getString("submodule", name, "path");
                String url = modules.getString("submodule", name, "url");
                if (path != null && url != null) {
                    urls.put(path, url);
                }
            }
        } catch (ConfigInvalidException e) {
            throw new IOException(".gitmodules cannot be read: " + e.getMessage(), e);
        }
        return urls;
    }

    /** The submodule's absolute URL; relative ones ({@code ./}, {@code ../}) are taken from the parent's. */
    static Optional<String> resolve(String parent, String url) {
        if (!url.startsWith("./") && !url.startsWith("../")) {
            return Optional.of(url);
        }
        int scheme = parent.indexOf("://");
        String prefix;
        String path;
        if (scheme >= 0) {
            URI uri = URI.create(parent);
            prefix = parent.substring(0, parent.indexOf(uri.getRawPath(), scheme + 3));
            path = uri.getRawPath();
        } else {
            int colon = parent.indexOf(':');
            if (colon < 0) {
                prefix = "";
                path = parent;
            } else {
                prefix = parent.substring(0, colon + 1);
                path = parent.substring(colon + 1);
            }
        }
        var parts = new java.util.ArrayDeque<String>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.addLast(part);
            }
        }
        for (String part : url.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        boolean absolute = path.startsWith("/");
        return Optional.of(prefix + (absolute ? "/" : "") + String.join("/", parts));
    }
}
