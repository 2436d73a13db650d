package io.slipway.plugins.nixpacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.build.BuildPlan;
import io.slipway.plugin.api.build.PlanPhase;
import io.slipway.plugin.api.build.PlanRejectedException;
import io.slipway.plugin.api.build.PlanRequest;
import io.slipway.plugin.api.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans of a sample app per provider and of nixpacks.toml/json overrides, asserted field by field. */
class PlannerTest {
    @TempDir
    Path dir;

    private final NixpacksBuilder builder = new NixpacksBuilder(null, Optional.empty());

    private void files(String... nameAndContent) {
        try {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                Path p = dir.resolve(nameAndContent[i]);
                Files.createDirectories(p.getParent());
                Files.writeString(p, nameAndContent[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BuildPlan plan() {
        return plan(Map.of(), Map.of());
    }

    private BuildPlan plan(Map<String, String> env, Map<String, Object> config) {
        return builder.plan(new PlanRequest(new Config(config), dir, env));
    }

    private static PlanPhase phase(BuildPlan plan, String name) {
        return plan.phase(name).orElseThrow(() -> new AssertionError("no phase " + name + " in " + plan));
    }

    @Test
    void nodeWithNpmLockfileBuildAndStartScripts() {
        files("package.json", "{\"engines\":{\"node\":\">=18\"},\"scripts\":{\"build\":\"tsc\",\"start\":\"node dist/a.js\"},"
                + "\"dependencies\":{\"express\":\"4\"}}", "package-lock.json", "{}");
        BuildPlan p = plan();
        assertEquals(List.of("node"), p.providers());
        assertEquals("node:18-slim", p.buildImage());
        assertEquals(List.of("install", "build"), p.phases().stream().map(PlanPhase::name).toList());
        assertEquals(List.of("npm ci"), phase(p, "install").commands());
        assertEquals(List.of("npm run build"), phase(p, "build").commands());
        assertEquals(List.of("install"), phase(p, "build").dependsOn());
        assertEquals(Optional.of("npm run start"), p.startCommand());
        assertEquals("production", p.variables().get("NODE_ENV"));
        assertEquals("8080", p.variables().get("PORT"));
    }

    @Test
    void nodeWithYarnUsesCorepackAndNvmrcVersion() {
        files("package.json", "{\"scripts\":{\"start\":\"node .\"},\"dependencies\":{\"a\":\"1\"}}", "yarn.lock", "",
                ".nvmrc", "v22.3.0\n");
        BuildPlan p = plan();
        assertEquals("node:22-slim", p.buildImage());
        assertEquals(List.of("corepack enable"), phase(p, "setup").commands());
        assertEquals(List.of("yarn install --frozen-lockfile"), phase(p, "install").commands());
        assertEquals(Optional.of("yarn run start"), p.startCommand());
    }

    @Test
    void nodeWithPnpm() {
        files("package.json", "{\"devDependencies\":{\"a\":\"1\"},\"scripts\":{\"build\":\"vite build\"}}",
                "pnpm-lock.yaml", "");
        BuildPlan p = plan();
        assertEquals(List.of("pnpm i --frozen-lockfile"), phase(p, "install").commands());
        assertEquals(List.of("pnpm run build"), phase(p, "build").commands());
        assertEquals(Optional.of("node index.js"), p.startCommand());
    }

    @Test
    void zeroDependencyNodeAppNeedsNoInstallAndStartsItsMain() {
        files("package.json", "{\"name\":\"hello\",\"main\":\"server.js\"}", "server.js", "");
        BuildPlan p = plan();
        assertEquals("node:20-slim", p.buildImage());
        assertEquals(List.of(), p.phases());
        assertEquals(Optional.of("node server.js"), p.startCommand());
    }

    @Test
    void pythonWithRequirementsAndGunicorn() {
        files("requirements.txt", "flask==3\ngunicorn\n", "app.py", "app = Flask(__name__)");
        BuildPlan p = plan();
        assertEquals(List.of("python"), p.providers());
        assertEquals("python:3.12-slim", p.buildImage());
        assertEquals(List.of("pip install --no-cache-dir -r requirements.txt"), phase(p, "install").commands());
        assertEquals(Optional.of("gunicorn app:app --bind 0.0.0.0:${PORT}"), p.startCommand());
        assertEquals("1", p.variables().get("PYTHONUNBUFFERED"));
    }

    @Test
    void pythonWithPyprojectAndUvicorn() {
        files("pyproject.toml", "[project]\nname='x'\ndependencies=['fastapi','uvicorn']\n", "main.py", "",
                ".python-version", "3.11.4\n");
        BuildPlan p = plan();
        assertEquals("python:3.11-slim", p.buildImage());
        assertEquals(List.of("pip install --no-cache-dir ."), phase(p, "install").commands());
        assertEquals(Optional.of("uvicorn main:app --host 0.0.0.0 --port ${PORT}"), p.startCommand());
    }

    @Test
    void pythonProcfileWins() {
        files("requirements.txt", "gunicorn\n", "Procfile", "worker: python w.py\nweb: gunicorn site.wsgi\n");
        assertEquals(Optional.of("gunicorn site.wsgi"), plan().startCommand());
    }

    @Test
    void goModule() {
        files("go.mod", "module example.com/hello\n\ngo 1.21.5\n", "main.go", "package main");
        BuildPlan p = plan();
        assertEquals(List.of("go"), p.providers());
        assertEquals("golang:1.21", p.buildImage());
        assertEquals(List.of("go mod download"), phase(p, "install").commands());
        assertEquals(List.of("go build -o out"), phase(p, "build").commands());
        assertEquals(Optional.of("./out"), p.startCommand());
    }

    @Test
    void javaMavenWrapper() {
        files("pom.xml", "<project/>", "mvnw", "#!/bin/sh");
        BuildPlan p = plan();
        assertEquals(List.of("java"), p.providers());
        assertEquals("eclipse-temurin:17-jdk", p.buildImage());
        assertEquals(List.of("chmod +x mvnw", "./mvnw -DskipTests -B package"), phase(p, "build").commands());
        assertTrue(p.startCommand().orElseThrow().startsWith("java $JAVA_OPTS -Dserver.port=${PORT} -jar $(ls target/"));
    }

    @Test
    void javaMavenWithoutWrapperUsesTheMavenImage() {
        files("pom.xml", "<project/>");
        BuildPlan p = plan();
        assertEquals("maven:3-eclipse-temurin-17", p.buildImage());
        assertEquals(List.of("mvn -DskipTests -B package"), phase(p, "build").commands());
    }

    @Test
    void javaGradleWrapper() {
        files("build.gradle", "", "gradlew", "#!/bin/sh");
        BuildPlan p = plan();
        assertEquals(List.of("chmod +x gradlew", "./gradlew build -x test"), phase(p, "build").commands());
        assertTrue(p.startCommand().orElseThrow().contains("build/libs/"));
    }

    @Test
    void javaRunnableJar() {
        files("app.jar", "PK");
        BuildPlan p = plan();
        assertEquals(List.of(), p.phases());
        assertEquals(Optional.of("java $JAVA_OPTS -Dserver.port=${PORT} -jar app.jar"), p.startCommand());
    }

    @Test
    void staticSiteWithIndexHtmlIsServedByNginxAnswering404ForUnknownPaths() {
        files("index.html", "<h1>hi</h1>");
        BuildPlan p = plan();
        assertEquals(List.of("staticfile"), p.providers());
        assertEquals("nginx:alpine", p.buildImage());
        assertEquals(List.of(), p.phases());
        assertEquals(Optional.of("nginx -c /assets/nginx.conf"), p.startCommand());
        String conf = nginxConf(Map.of());
        assertTrue(conf.contains("listen 8080;") && conf.contains("root /app;")
                && conf.contains("try_files $uri $uri/ =404;") && conf.contains("daemon off;"), conf);
    }

    @Test
    void staticSiteWithStaticfileRootAndSpaFallbackAnswersIndexHtmlForUnknownPaths() {
        files("Staticfile", "root: dist/\n", "dist/index.html", "");
        Map<String, Object> config = Map.of("spaFallback", true, "staticImage", "slipway-test/nginx:latest", "port", 3000L);
        BuildPlan p = plan(Map.of(), config);
        assertEquals("slipway-test/nginx:latest", p.buildImage());
        assertEquals(Optional.of("nginx -c /assets/nginx.conf"), p.startCommand());
        String conf = nginxConf(config);
        assertTrue(conf.contains("listen 3000;") && conf.contains("root /app/dist;")
                && conf.contains("try_files $uri $uri/ /index.html;") && !conf.contains("=404"), conf);
    }

    @Test
    void staticSiteListensOnThePortNixpacksTomlSets() {
        files("index.html", "", "nixpacks.toml", "[variables]\nPORT = \"3000\"\n");
        assertEquals("3000", plan().variables().get("PORT"));
        String conf = nginxConf(Map.of());
        assertTrue(conf.contains("listen 3000;"), conf);
    }

    @Test
    void onlyTheStaticProviderBringsAssetFiles() {
        files("package.json", "{}");
        assertEquals(Map.of(), new Planner().plan(dir, Map.of(), NixpacksSettings.from(new Config(Map.of()))).assets());
    }

    private String nginxConf(Map<String, Object> config) {
        Map<String, String> assets = new Planner().plan(dir, Map.of(), NixpacksSettings.from(new Config(config))).assets();
        assertEquals(List.of("nginx.conf"), List.copyOf(assets.keySet()));
        return assets.get("nginx.conf");
    }

    @Test
    void procfileAlone() {
        files("Procfile", "web: ./serve --port $PORT\n");
        BuildPlan p = plan();
        assertEquals(List.of("procfile"), p.providers());
        assertEquals("debian:bookworm-slim", p.buildImage());
        assertEquals(Optional.of("./serve --port $PORT"), p.startCommand());
    }

    @Test
    void startShell() {
        files("start.sh", "#!/bin/sh\nexec ./app\n");
        BuildPlan p = plan();
        assertEquals(List.of("shell"), p.providers());
        assertEquals(List.of("chmod +x start.sh"), phase(p, "build").commands());
        assertEquals(Optional.of("./start.sh"), p.startCommand());
    }

    @Test
    void nixpacksTomlOverridesPhasesStartVariablesAndImage() {
        files("package.json", "{\"dependencies\":{\"a\":\"1\"},\"scripts\":{\"build\":\"b\"}}",
                "nixpacks.toml", """
                        buildImage = "node:21-bookworm"
                        [variables]
                        GREETING = "hello"
                        NODE_ENV = "staging"
                        [phases.setup]
                        aptPkgs = ["...", "ffmpeg"]
                        [phases.build]
                        cmds = ["...", "npm run extra"]
                        [phases.migrate]
                        cmds = ["node migrate.js"]
                        dependsOn = ["build"]
                        [start]
                        cmd = "node main.js"
                        """);
        BuildPlan p = plan();
        assertEquals("node:21-bookworm", p.buildImage());
        assertEquals("hello", p.variables().get("GREETING"));
        assertEquals("staging", p.variables().get("NODE_ENV"));
        assertEquals(List.of("ffmpeg"), phase(p, "setup").aptPackages());
        assertEquals(List.of("npm run build", "npm run extra"), phase(p, "build").commands());
        assertEquals(List.of("node migrate.js"), phase(p, "migrate").commands());
        assertEquals(List.of("build"), phase(p, "migrate").dependsOn());
        assertEquals(List.of("setup", "install", "build", "migrate"), p.phases().stream().map(PlanPhase::name).toList());
        assertEquals(Optional.of("node main.js"), p.startCommand());
    }

    @Test
    void nixpacksTomlChoosesProvidersAndReplacesCommands() {
        files("index.html", "", "requirements.txt", "", "nixpacks.toml", """
                providers = ["python"]
                [phases.install]
                cmds = ["pip install -r requirements.txt --user"]
                """);
        BuildPlan p = plan();
        assertEquals(List.of("python"), p.providers());
        assertEquals(List.of("pip install -r requirements.txt --user"), phase(p, "install").commands());
    }

    @Test
    void nixpacksJsonWorksLikeToml() {
        files("go.mod", "module x\n", "nixpacks.json", "{\"providers\":[\"...\",\"staticfile\"],\"start\":{\"cmd\":\"./out -v\"}}",
                "index.html", "");
        BuildPlan p = plan();
        assertEquals(List.of("go", "staticfile"), p.providers());
        assertEquals(Optional.of("./out -v"), p.startCommand());
    }

    @Test
    void environmentVariablesWinOverFileAndProvider() {
        files("package.json", "{\"dependencies\":{\"a\":\"1\"}}", "nixpacks.toml", "[phases.install]\ncmds=[\"npm i\"]\n");
        BuildPlan p = plan(Map.of("NIXPACKS_INSTALL_CMD", "npm ci --omit=dev", "NIXPACKS_BUILD_CMD", "make",
                "NIXPACKS_START_CMD", "node s.js"), Map.of());
        assertEquals(List.of("npm ci --omit=dev"), phase(p, "install").commands());
        assertEquals(List.of("make"), phase(p, "build").commands());
        assertEquals(Optional.of("node s.js"), p.startCommand());
    }

    @Test
    void configuredPortAndImagesApply() {
        files("package.json", "{}");
        BuildPlan p = plan(Map.of(), Map.of("port", 3000L, "nodeImage", "slipway-test/node:latest"));
        assertEquals("slipway-test/node:latest", p.buildImage());
        assertEquals("3000", p.variables().get("PORT"));
    }

    // ---- bad input ----------------------------------------------------------------------

    @Test
    void rejectsAnUnknownProviderNamingItsLine() {
        files("index.html", "", "nixpacks.toml", "# build\nproviders = [\"cobol\"]\n");
        PlanRejectedException e = assertThrows(PlanRejectedException.class, this::plan);
        assertEquals(Optional.of(2), e.line());
        assertTrue(e.getMessage().contains("unknown provider 'cobol'") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void rejectsAMalformedTomlWithItsLine() {
        files("index.html", "", "nixpacks.toml", "[phases.build]\ncmds = [\"a\"\nstart = \n");
        PlanRejectedException e = assertThrows(PlanRejectedException.class, this::plan);
        assertTrue(e.line().isPresent(), e.getMessage());
        assertTrue(e.getMessage().startsWith("nixpacks.toml line " + e.line().get() + " is malformed"), e.getMessage());
    }

    @Test
    void rejectsCommandsThatAreNotAList() {
        files("index.html", "", "nixpacks.toml", "[phases.build]\ncmds = \"make\"\n");
        PlanRejectedException e = assertThrows(PlanRejectedException.class, this::plan);
        assertEquals(Optional.of(2), e.line());
        assertTrue(e.getMessage().contains("'cmds' must be a list of strings"), e.getMessage());
    }

    @Test
    void rejectsADependencyOnNoPhase() {
        files("index.html", "", "nixpacks.toml", "[phases.x]\ncmds = [\"a\"]\ndependsOn = [\"nope\"]\n");
        PlanRejectedException e = assertThrows(PlanRejectedException.class, this::plan);
        assertTrue(e.getMessage().contains("depends on 'nope'"), e.getMessage());
    }

    @Test
    void rejectsPhasesDependingInACircle() {
        files("index.html", "", "nixpacks.toml", "[phases.a]\ncmds=[\"1\"]\ndependsOn=[\"b\"]\n[phases.b]\ncmds=[\"2\"]\ndependsOn=[\"a\"]\n");
        PlanRejectedException e = assertThrows(PlanRejectedException.class, this::plan);
        assertTrue(e.getMessage().contains("circle"), e.getMessage());
    }

    @Test
    void rejectsAMalformedPackageJsonWithItsLine() {
        files("package.json", "{\n\"name\": \"x\",\n}");
        PlanRejectedException e = assertThrows(PlanRejectedException.class, this::plan);
        assertTrue(e.getMessage().startsWith("package.json line 3 is not valid JSON"), e.getMessage());
    }

    @Test
    void rejectsASourceWithNothingToBuild() {
        files("README.md", "hi");
        PlanRejectedException e = assertThrows(PlanRejectedException.class, this::plan);
        assertTrue(e.getMessage().startsWith("Nothing to build"), e.getMessage());
    }

    @Test
    void rejectsAStaticRootOutsideTheSource() {
        files("Staticfile", "root: ../etc\n");
        PlanRejectedException e = assertThrows(PlanRejectedException.class, this::plan);
        assertTrue(e.getMessage().contains("inside the source"), e.getMessage());
    }
}
