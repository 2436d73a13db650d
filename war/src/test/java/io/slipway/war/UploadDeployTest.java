package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.war.testing.DeploymentsApi;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.HostImage;
import io.slipway.war.testing.RouterClient;
import io.slipway.war.testing.SlipwayProcess;
import io.slipway.war.testing.WarStack;
import io.slipway.war.testing.SourceArchives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Deploying without git and without a Dockerfile, end to end: the built war with the bundled upload,
 * nixpacks and docker plugins, a real engine, the router. A zero-dependency Node app uploaded as a
 * zip is planned, built from the generated Dockerfile and served; a static site from a tar.gz is
 * served by nginx (unknown paths: index.html with the SPA fallback, 404 without); deploying the same
 * upload again unpacks the stored archive. The base images are made here from what the machine has
 * (node from /usr/bin/node, nginx from /usr/sbin/nginx, on the busybox test image), as no registry can
 * be reached; the nixpacks config maps the default images (node, nginx:alpine) to them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadDeployTest {
    private static final String BUSYBOX = "slipway-test/busybox:latest";
    private static final String NODE_IMAGE = "slipway-test/node:latest";
    private static final String NGINX_IMAGE = "slipway-test/nginx:latest";
    private static final String NGINX = "/usr/sbin/nginx";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern REVISION = Pattern.compile("\"revision\"\\s*:\\s*\"([0-9a-f]{64})\"");

    private final DockerCli docker = DockerCli.local();
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private WarStack stack;
    private SlipwayProcess slipway;
    private DeploymentsApi api;
    private boolean ready;
    private boolean madeNodeImage;
    private boolean nginxReady;
    private boolean madeNginxImage;

    @BeforeAll
    void start() throws Exception {
        ready = docker.answers() && docker.hasImage(BUSYBOX) && Files.isExecutable(Path.of("/usr/bin/node"));
        if (!ready) {
            return;
        }
        if (!docker.hasImage(NODE_IMAGE)) {
            HostImage.on(BUSYBOX).program("/usr/bin/node").build(docker, NODE_IMAGE);
            madeNodeImage = true;
        }
        nginxReady = Files.isExecutable(Path.of(NGINX));
        if (nginxReady && !docker.hasImage(NGINX_IMAGE)) {
            buildNginxImage();
            madeNginxImage = true;
        }
        stack = WarStack.withoutGit(docker, "uploads", SlipwayProcess.builder().name("upload-deploy").dockerHost(docker)
                .jvmArg("-Dslipway.pipeline.retireGraceMillis=1000"));
        slipway = stack.slipway();
        api = stack.api();
    }

    @BeforeEach
    void requireDocker() {
        RequiresExternal.require("A Docker engine, the image " + BUSYBOX + " and /usr/bin/node", ready,
                "start the engine with `source .ci/test-env.sh`");
    }

    @AfterAll
    void cleanUp() throws Exception {
        try (WarStack started = stack) {
            // stops the server and removes the apps, which use the images below
        } finally {
            if (madeNodeImage) {
                docker.quietly(List.of("rmi", "-f", NODE_IMAGE));
            }
            if (madeNginxImage) {
                docker.quietly(List.of("rmi", "-f", NGINX_IMAGE));
            }
        }
    }

    @Test
    void zeroDependencyNodeAppFromAZipIsPlannedBuiltAndServedAndRedeployedFromTheStoredArchive() throws Exception {
        String app = newApp("node");
        createApp(app, "{\"nodeImage\": \"" + NODE_IMAGE + "\", \"cli\": \"never\", \"port\": 8080}");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("hello/package.json", "{\"name\": \"hello\", \"main\": \"server.js\"}");
        files.put("hello/server.js", "require('http').createServer((q, s) => s.end('hello from node ' + process.env.NODE_ENV))"
                + ".listen(process.env.PORT);\n");
        byte[] zip = SourceArchives.zip(files);

        HttpResponse<String> stored = upload(app, "hello.zip", zip, false);
        assertEquals(201, stored.statusCode(), stored.body());
        String sha = revision(stored.body());
        HttpResponse<String> plan = slipway.get("/api/v1/apps/" + app + "/plan");
        assertEquals(200, plan.statusCode(), plan.body());
        assertTrue(plan.body().contains("\"providers\":[\"node\"]") && plan.body().contains("\"cmd\":\"node server.js\"")
                && plan.body().contains("\"buildImage\":\"" + NODE_IMAGE + "\""), plan.body());

        long first = deployRef(app, sha);
        String log = api.log(first);
        assertTrue(log.contains("Generated Dockerfile") && log.contains("CMD [\"sh\",\"-c\",\"node server.js\"]"), log);
        assertTrue(api.get(first).contains(sha), api.get(first));
        awaitServed(app + ".localhost", "/", "hello from node production");

        // The same upload again: no second upload, the stored archive is unpacked and built again.
        long again = deployRef(app, sha);
        assertTrue(api.log(again).contains("Unpacking the uploaded zip archive " + sha), api.log(again));
        awaitServed(app + ".localhost", "/", "hello from node production");
    }

    @Test
    void staticSiteFromATarGzIsServedByNginxWithTheSpaFallbackAnsweringIndexHtmlWith200() throws Exception {
        requireNginx();
        String app = deployStaticSite("site", true);
        awaitServed(app + ".localhost", "/", "static upload");
        RouterClient.Reply asset = stack.router().get(app + ".localhost", "/about.html");
        assertEquals(200, asset.status(), asset.body());
        assertEquals("<p>about page</p>\n", asset.body());
        RouterClient.Reply style = stack.router().get(app + ".localhost", "/css/site.css");
        assertEquals(200, style.status(), style.body());
        assertEquals("h1 { color: teal; }\n", style.body());
        for (String route : List.of("/some/client/route", "/missing.html")) {
            RouterClient.Reply spa = stack.router().get(app + ".localhost", route);
            assertEquals(200, spa.status(), route + ": " + spa.body());
            assertEquals("<h1>static upload</h1>\n", spa.body(), route);
        }
        RouterClient.Reply generated = stack.router().get(app + ".localhost", "/.slipway-nixpacks-assets/nginx.conf");
        assertEquals("<h1>static upload</h1>\n", generated.body(), "the generated files are not part of the site");
    }

    @Test
    void staticSiteWithoutTheSpaFallbackAnswers404ForUnknownPaths() throws Exception {
        requireNginx();
        String app = deployStaticSite("site404", false);
        awaitServed(app + ".localhost", "/", "static upload");
        RouterClient.Reply asset = stack.router().get(app + ".localhost", "/css/site.css");
        assertEquals(200, asset.status(), asset.body());
        assertEquals("h1 { color: teal; }\n", asset.body());
        for (String route : List.of("/some/client/route", "/missing.html", "/.slipway-nixpacks.Dockerfile")) {
            RouterClient.Reply unknown = stack.router().get(app + ".localhost", route);
            assertEquals(404, unknown.status(), route + ": " + unknown.body());
            assertFalse(unknown.body().contains("static upload"), unknown.body());
        }
    }

    @Test
    void rejectsAnArchiveWithAnEntryLeavingItsFolder() {
        String app = newApp("slip");
        createApp(app, "{\"cli\": \"never\"}");
        HttpResponse<String> r = upload(app, "evil.zip", SourceArchives.zip(Map.of("../evil.txt", "x")), true);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("invalid_archive") && r.body().contains("leaves its folder"), r.body());
    }

    @Test
    void rejectsAnUnknownProviderInNixpacksTomlWithItsLine() {
        String app = newApp("toml");
        createApp(app, "{\"cli\": \"never\"}");
        HttpResponse<String> stored = upload(app, "app.zip", SourceArchives.zip(Map.of("index.html", "x",
                "nixpacks.toml", "# build\nproviders = [\"cobol\"]\n")), false);
        assertEquals(201, stored.statusCode(), stored.body());
        HttpResponse<String> plan = slipway.get("/api/v1/apps/" + app + "/plan");
        assertEquals(400, plan.statusCode(), plan.body());
        assertTrue(plan.body().contains("unknown provider 'cobol'") && plan.body().contains("\"line\":2"), plan.body());
    }

    // ---- helpers -------------------------------------------------------------------------

    private String newApp(String kind) {
        return stack.removeAfter("up-" + kind + "-" + run);
    }

    private void createApp(String app, String nixpacksConfig) {
        HttpResponse<String> r = slipway.postJson("/api/v1/apps", "{\"project\": \"uploads\", \"name\": \"" + app + "\","
                + " \"source\": {\"type\": \"upload\"},"
                + " \"builder\": {\"type\": \"nixpacks\", \"config\": " + nixpacksConfig + "},"
                + " \"deployer\": {\"type\": \"docker\", \"config\": {\"port\": 8080, \"stopGraceSeconds\": 1}},"
                + " \"health\": {\"type\": \"http\", \"config\": {\"path\": \"/\", \"intervalSeconds\": 0.5,"
                + " \"timeoutSeconds\": 2, \"retries\": 20}}}");
        assertEquals(201, r.statusCode(), r.body());
    }

    private HttpResponse<String> upload(String app, String fileName, byte[] content, boolean deploy) {
        String boundary = "----slipway-it-" + run;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return slipway.send(HttpRequest.newBuilder(slipway.uri("/api/v1/apps/" + app + "/uploads" + (deploy ? "" : "?deploy=false")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static String revision(String json) {
        Matcher m = REVISION.matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    private long deployRef(String app, String ref) {
        HttpResponse<String> r = slipway.postJson("/api/v1/apps/" + app + "/deployments", "{\"ref\": \"" + ref + "\"}");
        assertEquals(202, r.statusCode(), r.body());
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(r.body());
        assertTrue(m.find(), r.body());
        long id = Long.parseLong(m.group(1));
        assertEquals("ACTIVE", api.awaitEnd(id, DEPLOY_TIMEOUT), api.get(id) + "\n" + api.log(id));
        return id;
    }

    private void awaitServed(String host, String path, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                RouterClient.Reply r = stack.router().get(host, path);
                last = r.status() + " " + r.body();
                if (r.status() == 200 && r.body().contains(text)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The router did not serve '" + text + "' at " + host + path + "; last reply: " + last);
    }

    private void requireNginx() {
        RequiresExternal.require("nginx at " + NGINX + " (made into the image " + NGINX_IMAGE + ")", nginxReady,
                "install nginx (apt-get install nginx-light)");
    }

    /** A static site (index.html, a page, a stylesheet) uploaded as a tar.gz and deployed; returns the app. */
    private String deployStaticSite(String kind, boolean spaFallback) {
        String app = newApp(kind);
        createApp(app, "{\"staticImage\": \"" + NGINX_IMAGE + "\", \"cli\": \"never\", \"port\": 8080,"
                + " \"spaFallback\": " + spaFallback + "}");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("site/index.html", "<h1>static upload</h1>\n");
        files.put("site/about.html", "<p>about page</p>\n");
        files.put("site/css/site.css", "h1 { color: teal; }\n");
        HttpResponse<String> r = upload(app, "site.tar.gz", SourceArchives.tarGz(files), true);
        assertEquals(202, r.statusCode(), r.body());
        long id = Long.parseLong(r.body().replaceAll("(?s).*\"deployment\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*(\\d+).*", "$1"));
        assertEquals("ACTIVE", api.awaitEnd(id, DEPLOY_TIMEOUT), api.log(id));
        assertTrue(api.log(id).contains("try_files $uri $uri/ " + (spaFallback ? "/index.html;" : "=404;")), api.log(id));
        return app;
    }

    /**
     * This machine's nginx (Debian's) as a stand-in for nginx:alpine: the program, its libraries, the
     * mime types and the users and folders nginx expects (workers run as nobody).
     */
    private void buildNginxImage() {
        HostImage image = HostImage.on(BUSYBOX).program(NGINX)
                .text("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"
                        + "nginx:x:101:101:nginx:/var/cache/nginx:/bin/false\n")
                .text("/etc/group", "root:x:0:\nnogroup:x:65534:\nnobody:x:65534:\nnginx:x:101:\n")
                .folder("/var/log/nginx").folder("/var/lib/nginx/tmp").folder("/run");
        if (Files.isRegularFile(Path.of("/etc/nginx/mime.types"))) {
            image.copy("/etc/nginx/mime.types");
        } else {
            image.text("/etc/nginx/mime.types", "types {\n    text/html html;\n    text/css css;\n"
                    + "    application/javascript js;\n}\n");
        }
        image.build(docker, NGINX_IMAGE);
    }
}
