package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.testkit.TestStepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DockerfileBuilderTest {
    /** Each async step on a thread of its own: the common pool may have fewer threads than builds. */
    static final java.util.concurrent.Executor OWN_THREAD = task -> {
        Thread t = new Thread(task, "test-build");
        t.setDaemon(true);
        t.start();
    };
    @RegisterExtension
    static final DockerTestRun run = DockerTestRun.start();
    private static DockerfileBuilder builder;

    @TempDir
    Path source;

    @BeforeAll
    static void engine() {
        builder = new DockerfileBuilder(run.settings, slots(2));
    }

    static BuildSlots slots(int max) {
        return new BuildSlots(max, 512, () -> OptionalLong.of(100_000), Duration.ofMillis(50));
    }

    static Config config(Map<String, ?> values) {
        return DockerfileSettings.SCHEMA.parse(values);
    }

    private static TestStepContext step() {
        return TestStepContext.withTimeout(Duration.ofMinutes(2));
    }

    @Test
    void buildsTaggedLabelledImageStreamingTheLog() throws Exception {
        run.source(source, "Dockerfile", """
                FROM slipway-test/busybox:latest
                COPY index.html /www/
                RUN echo "built-line-one" && echo "built-line-two"
                CMD ["httpd","-f","-p","8080","-h","/www"]""", Map.of("index.html", "hello"));
        String app = run.app("web");
        TestStepContext step = step();

        Artifact artifact = builder.build(run.buildRequest(source, config(Map.of()), app, "1", Map.of()), step);

        assertEquals("slipway/" + app + ":1", artifact.reference());
        InspectImageResponse image = run.client().inspectImageCmd(artifact.reference()).exec();
        Map<String, String> labels = image.getConfig().getLabels();
        assertEquals(app, labels.get("slipway.app"));
        assertEquals("1", labels.get("slipway.deployment"));
        assertEquals("abc123", labels.get("slipway.revision"));
        assertTrue(step.lines().contains("built-line-one"), step.lines().toString());
        assertTrue(step.lines().contains("built-line-two"), step.lines().toString());
        assertTrue(step.lines().stream().anyMatch(l -> l.startsWith("Step 1/")), step.lines().toString());
        assertEquals(image.getId(), artifact.metadata().get("imageId"));
    }

    @Test
    void labelsInOneStepWithoutAddingFilesToTheContext() throws Exception {
        run.source(source, "Dockerfile", """
                FROM slipway-test/busybox:latest
                COPY . /ctx/
                RUN test -e /ctx/index.html && test ! -e /ctx/.slipway.Dockerfile && test ! -e /ctx/.dockerignore
                CMD ["httpd","-f","-p","8080","-h","/ctx"]""", Map.of("index.html", "hello"));
        String app = run.app("ctx");
        Map<String, String> labels = new java.util.HashMap<>(run.labels(app, "1"));
        labels.put("slipway.note", "a \"quoted\" $HOME value\\");
        TestStepContext step = step();

        Artifact artifact = builder.build(new BuildRequest(config(Map.of()), source, "slipway/" + app + ":1", Map.of(),
                labels), step);

        Map<String, String> built = run.client().inspectImageCmd(artifact.reference()).exec().getConfig().getLabels();
        assertEquals(app, built.get("slipway.app"));
        assertEquals("a \"quoted\" $HOME value\\", built.get("slipway.note"));
        assertEquals(1, step.lines().stream().filter(l -> l.matches("Step \\d+/\\d+ : LABEL .*")).count()
                - 1, step.lines().toString()); // the test's own LABEL after FROM, and ours
    }

    @Test
    void aLinkOutOfTheSourceNeverBringsTheServersFilesIntoTheImage(@TempDir Path outside) throws Exception {
        java.nio.file.Files.writeString(outside.resolve("secret.txt"), "top-secret-value");
        run.source(source, "Dockerfile", """
                FROM slipway-test/busybox:latest
                COPY . /ctx/
                RUN cat /ctx/data/secret.txt || echo "no secret here"
                """, Map.of("index.html", "hello"));
        java.nio.file.Files.createSymbolicLink(source.resolve("data"), outside);
        TestStepContext step = step();

        builder.build(run.buildRequest(source, config(Map.of("noCache", true)), run.app("link"), "1", Map.of()), step);

        // The engine colours a step's stderr: the line may follow an escape sequence.
        assertTrue(step.logged("no secret here"), step.lines().toString());
        assertFalse(step.lines().stream().anyMatch(l -> l.contains("top-secret-value")), step.lines().toString());
    }

    @Test
    void passesBuildTimeVariablesAsBuildArgs() throws Exception {
        run.source(source, "Dockerfile", """
                FROM slipway-test/busybox:latest
                ARG GREETING
                RUN echo "greeting=$GREETING" """, Map.of());
        TestStepContext step = step();

        builder.build(run.buildRequest(source, config(Map.of("noCache", true)), run.app("args"), "1",
                Map.of("GREETING", "hello-from-env")), step);

        assertTrue(step.lines().contains("greeting=hello-from-env"), step.lines().toString());
    }

    @Test
    void buildsTheTargetStageFromADockerfileInAFolder() throws Exception {
        run.source(source, "docker/app.Dockerfile", """
                FROM slipway-test/busybox:latest AS first
                LABEL stage=first
                FROM slipway-test/busybox:latest AS second
                LABEL stage=second""", Map.of());
        Config config = config(Map.of("dockerfile", "docker/app.Dockerfile", "target", "first"));

        Artifact artifact = builder.build(run.buildRequest(source, config, run.app("stage"), "1", Map.of()), step());

        assertEquals("first", run.client().inspectImageCmd(artifact.reference()).exec().getConfig().getLabels()
                .get("stage"));
    }

    @Test
    void runsTheBuildWithItsMemoryLimit() throws Exception {
        run.source(source, "Dockerfile", """
                FROM slipway-test/busybox:latest
                RUN echo "limit=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null \
                    || cat /sys/fs/cgroup/memory.max)" """, Map.of());
        TestStepContext step = step();

        builder.build(run.buildRequest(source, config(Map.of("memoryMb", 128, "noCache", true)), run.app("limits"), "1",
                Map.of()), step);

        assertTrue(step.lines().contains("limit=" + 128 * 1024 * 1024), step.lines().toString());
    }

    @Test
    void failsNamingTheDockerfileItLookedFor() {
        BuildRequest request = run.buildRequest(source, config(Map.of("dockerfile", "build/Dockerfile")),
                run.app("none"), "1", Map.of());

        StepFailedException e = assertThrows(StepFailedException.class, () -> builder.build(request, step()));

        assertTrue(e.getMessage().contains("No Dockerfile at 'build/Dockerfile'"), e.getMessage());
        assertTrue(e.getMessage().contains(source.resolve("build/Dockerfile").toString()), e.getMessage());
    }

    @Test
    void failsWithTheFailingStepAndTheEnginesError() throws Exception {
        run.source(source, "Dockerfile", """
                FROM slipway-test/busybox:latest
                RUN echo "about to fail" && exit 3""", Map.of());
        TestStepContext step = step();
        BuildRequest request = run.buildRequest(source, config(Map.of()), run.app("broken"), "1", Map.of());

        StepFailedException e = assertThrows(StepFailedException.class, () -> builder.build(request, step));

        // The engine counts the request's labels as steps too, so only the failing step's number is fixed.
        assertTrue(e.getMessage().matches("(?s).*at Step 3/\\d+ : RUN echo \"about to fail\" && exit 3: .*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("returned a non-zero code: 3"), e.getMessage());
        assertTrue(step.lines().contains("about to fail"), step.lines().toString());
        assertTrue(step.lines().stream().anyMatch(l -> l.startsWith("ERROR: ") && l.contains("non-zero code: 3")),
                step.lines().toString());
        assertFalse(imageExists(request.imageTag()));
    }

    @Test
    void cancellingALongBuildStopsItPromptlyAndLeavesNoImage() throws Exception {
        run.source(source, "Dockerfile", """
                FROM slipway-test/busybox:latest
                RUN echo "sleeping now" && sleep 30""", Map.of());
        TestStepContext step = step();
        BuildRequest request = run.buildRequest(source, config(Map.of("noCache", true)), run.app("cancel"), "1",
                Map.of());
        CompletableFuture<Artifact> build = CompletableFuture.supplyAsync(() -> builder.build(request, step), OWN_THREAD);
        awaitTrue(() -> step.lines().contains("sleeping now"), Duration.ofSeconds(20));

        long cancelledAt = System.nanoTime();
        step.cancel();
        Throwable outcome = assertThrows(Exception.class, () -> build.get(10, TimeUnit.SECONDS)).getCause();
        long tookMs = (System.nanoTime() - cancelledAt) / 1_000_000;

        assertTrue(outcome instanceof StepCancelledException, String.valueOf(outcome));
        assertTrue(tookMs < 5000, "cancel took " + tookMs + " ms");
        assertFalse(imageExists(request.imageTag()));
        // The engine stops the step's container once the client is gone.
        awaitTrue(() -> run.containers().isEmpty(), Duration.ofSeconds(5));
    }

    @Test
    void aThirdBuildWaitsWhileTwoRun() throws Exception {
        BuildSlots two = slots(2);
        DockerfileBuilder limited = new DockerfileBuilder(run.settings, two);
        List<TestStepContext> steps = List.of(step(), step(), step());
        CompletableFuture<?>[] builds = new CompletableFuture<?>[3];
        for (int i = 0; i < 2; i++) {
            builds[i] = buildAsync(limited, "slow" + i, "sleep 1", steps.get(i));
        }
        awaitTrue(() -> two.running() == 2, Duration.ofSeconds(10));
        builds[2] = buildAsync(limited, "slow2", "true", steps.get(2));

        CompletableFuture.allOf(builds).get(60, TimeUnit.SECONDS);

        assertTrue(steps.get(2).lines().contains("Waiting: 2 builds running (max 2)"), steps.get(2).lines().toString());
        assertFalse(steps.get(0).logged("Waiting"));
        assertEquals(0, two.running());
    }

    @Test
    void detectsASourceWithADockerfile() throws Exception {
        assertFalse(builder.detect(source));
        run.source(source, "Dockerfile", "FROM slipway-test/busybox:latest", Map.of());
        assertTrue(builder.detect(source));
    }

    @Test
    void buildsOnceMoreOnlyWhenTheEngineLostACachedLayersImage() {
        assertTrue(DockerfileBuilder.lostCachedImage(new StepFailedException("The build failed at Step 2/4 : COPY index.html"
                + " /www/index.html: unable to find image \"sha256:ceef09f968a8710a81c17f30ca2f55ffdf5411fae38c7141835e7b6d\"")));
        assertFalse(DockerfileBuilder.lostCachedImage(new StepFailedException("The build failed at Step 2/3 : RUN false:"
                + " The command '/bin/sh -c false' returned a non-zero code: 1")));
    }

    @Test
    void testConnectionNamesTheEngineVersionAndHost() {
        var check = builder.testConnection(config(Map.of()));
        assertTrue(check.ok(), check.message());
        assertTrue(check.message().matches("Docker \\S+ \\(API 1\\.\\d+\\) at " + java.util.regex.Pattern.quote(
                run.settings.host())), check.message());
    }

    private CompletableFuture<Artifact> buildAsync(DockerfileBuilder b, String name, String command,
                                                   TestStepContext step) throws Exception {
        Path dir = source.resolve(name);
        run.source(dir, "Dockerfile", "FROM slipway-test/busybox:latest\nRUN echo " + name + " && " + command,
                Map.of());
        BuildRequest request = run.buildRequest(dir, config(Map.of("noCache", true)), run.app(name), "1", Map.of());
        return CompletableFuture.supplyAsync(() -> b.build(request, step), OWN_THREAD);
    }

    private static boolean imageExists(String tag) {
        try {
            run.client().inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
