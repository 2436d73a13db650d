package io.slipway.war.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * The app the end-to-end tests deploy: the test base image's busybox httpd serving an
 * {@code index.html} that says which commit it came from, built from a Dockerfile in a git
 * repository. A commit may add steps (a slow {@code RUN}, another {@code CMD}).
 *
 * <pre>{@code
 * BusyboxSite.commit(repos.resolve("web"), "v1", BusyboxSite.HTTPD);
 * slipway.postJson("/api/v1/apps", BusyboxSite.appJson("shop", "web", git.url("web"), 60));
 * }</pre>
 */
public final class BusyboxSite {
    public static final String BASE_IMAGE = "slipway-test/busybox:latest";
    /** The Dockerfile step that serves the site on port 8080. */
    public static final String HTTPD = "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n";

    private BusyboxSite() {
    }

    /** Commits a Dockerfile (base image, the page, then {@code tail}) and a page reading {@code message}. */
    public static void commit(Path repo, String message, String tail) {
        try (GitRepo git = GitRepo.open(repo)) {
            git.commit(message, Map.of("Dockerfile", "FROM " + BASE_IMAGE + "\nCOPY index.html /www/index.html\n" + tail,
                    "index.html", message + "\n"));
        }
    }

    /**
     * The POST /api/v1/apps body: git source on {@code gitUrl} (branch main), the Dockerfile
     * builder, the Docker deployer on port 8080 (1 s stop grace) and an HTTP check of {@code /}
     * every 0.2 s, {@code retries} times.
     */
    public static String appJson(String project, String app, String gitUrl, int retries) {
        return "{\"project\": \"" + project + "\", \"name\": \"" + app + "\","
                + " \"source\": {\"type\": \"git\", \"config\": {\"url\": \"" + gitUrl + "\", \"branch\": \"main\"}},"
                + " \"builder\": {\"type\": \"dockerfile\", \"config\": {\"dockerfile\": \"Dockerfile\"}},"
                + " \"deployer\": {\"type\": \"docker\", \"config\": {\"port\": 8080, \"stopGraceSeconds\": 1}},"
                + " \"health\": {\"type\": \"http\", \"config\": {\"path\": \"/\", \"intervalSeconds\": 0.2,"
                + " \"timeoutSeconds\": 1, \"retries\": " + retries + "}}}";
    }
}
