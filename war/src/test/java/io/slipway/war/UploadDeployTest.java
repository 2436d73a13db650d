package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.war.testing.DeploymentsApi;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.RouterClient;
import io.slipway.war.testing.SlipwayProcess;
import io.slipway.war.testing.SourceArchives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * served (with the SPA fallback); deploying the same upload again unpacks the stored archive. The
 * base images are made here from what the machine has (node from /usr/bin/node on the busybox
 * test image), as no registry can be reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadDeployTest {
    private static final String BUSYBOX = "slipway-test/busybox:latest";
    private static final String NODE_IMAGE = "slipway-test/node:latest";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern REVISION = Pattern.compile("\"revision\"\\s*:\\s*\"([0-9a-f]{64})\"");

    private final DockerCli docker = DockerCli.local();
    private final List<String> apps = new ArrayList<>();
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private SlipwayProcess slipway;
    private DeploymentsApi api;
    private RouterClient router;
    private boolean ready;
    private boolean madeNodeImage;

    @BeforeAll
    void start() throws Exception {
        ready = docker.answers() && docker.hasImage(BUSYBOX) && Files.isExecutable(Path.of("/usr/bin/node"));
        if (!ready) {
            return;
        }
        if (!docker.hasImage(NODE_IMAGE)) {
            buildNodeImage();
            madeNodeImage = true;
        }
        SlipwayProcess.Builder builder = SlipwayProcess.builder().name("upload-deploy")
                .jvmArg("-Dslipway.pipeline.retireGraceMillis=1000");
        if (!docker.host().isEmpty()) {
            builder.env("DOCKER_HOST", docker.host());
        }
        slipway = builder.start();
        slipway.awaitHealthy(Duration.ofSeconds(60));
        api = new DeploymentsApi(slipway);
        router = new RouterClient(slipway.routerPort());
        assertEquals(201, slipway.postJson("/api/v1/projects", "{\"name\": \"uploads\"}").statusCode());
    }

    @BeforeEach
    void requireDocker() {
        RequiresExternal.require("A Docker engine, the image " + BUSYBOX + " and /usr/bin/node", ready,
                "start the engine with `source .ci/test-env.sh`");
    }

    @AfterAll
    void cleanUp() {
        try {
            if (slipway != null) {
                slipway.close();
            }
        } finally {
            apps.forEach(docker::removeEverythingOf);
            if (madeNodeImage) {
                docker.quietly(List.of("rmi", "-f", NODE_IMAGE));
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
    void staticSiteFromATarGzIsServedWithTheSpaFallback() throws Exception {
        String app = newApp("site");
        createApp(app, "{\"staticImage\": \"" + BUSYBOX + "\", \"cli\": \"never\", \"port\": 8080, \"spaFallback\": true}");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("site/index.html", "<h1>static upload</h1>\n");
        files.put("site/about.html", "<p>about page</p>\n");
        HttpResponse<String> r = upload(app, "site.tar.gz", SourceArchives.tarGz(files), true);
        assertEquals(202, r.statusCode(), r.body());
        long id = Long.parseLong(r.body().replaceAll("(?s).*\"deployment\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*(\\d+).*", "$1"));
        assertEquals("ACTIVE", api.awaitEnd(id, DEPLOY_TIMEOUT), api.log(id));
        awaitServed(app + ".localhost", "/", "static upload");
        awaitServed(app + ".localhost", "/about.html", "about page");
        RouterClient.Reply spa = router.get(app + ".localhost", "/some/client/route");
        assertTrue(spa.body().contains("static upload"), spa.status() + " " + spa.body());
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
        String name = "up-" + kind + "-" + run;
        apps.add(name);
        return name;
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
                RouterClient.Reply r = router.get(host, path);
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

    /** node and its shared libraries (ldd) on the busybox test image: a Node base image without a registry. */
    private void buildNodeImage() throws IOException, InterruptedException {
        Path context = Files.createTempDirectory(SlipwayProcess.itDir("node-image"), "ctx-");
        try {
            List<String> files = new ArrayList<>(List.of("/usr/bin/node"));
            Process ldd = new ProcessBuilder("ldd", "/usr/bin/node").redirectErrorStream(true).start();
            String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ldd.waitFor();
            Matcher m = Pattern.compile("(/\\S+)").matcher(out);
            while (m.find()) {
                files.add(m.group(1));
            }
            for (String f : files) {
                Path target = context.resolve("rootfs" + f);
                Files.createDirectories(target.getParent());
                Files.copy(Path.of(f).toRealPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(context.resolve("Dockerfile"), "FROM " + BUSYBOX + "\nCOPY rootfs/ /\n");
            docker.lines("build", "-q", "-t", NODE_IMAGE, context.toString());
        } finally {
            try (var walk = Files.walk(context)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
