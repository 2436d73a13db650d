package io.slipway.plugins.nixpacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.build.BuildPlan;
import io.slipway.plugin.api.build.PlanPhase;
import io.slipway.plugin.api.build.PlanRejectedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerfileWriterTest {

    @Test
    void writesSetupBeforeTheCopyAndCommandsInExecForm() {
        BuildPlan plan = new BuildPlan(List.of("node"), "node:20-slim", Map.of("NODE_ENV", "production", "Q", "a\"$b"),
                List.of(new PlanPhase("setup", List.of(), List.of("corepack enable"), List.of("git")),
                        new PlanPhase("install", List.of("setup"), List.of("npm ci"), List.of()),
                        new PlanPhase("build", List.of("install"), List.of("echo \"done\" && ls"), List.of())),
                Optional.of("node server.js"));
        assertEquals("""
                FROM node:20-slim
                WORKDIR /app
                ARG NIXPACKS_BUILD_CMD
                ENV NODE_ENV="production"
                ENV Q="a\\"\\$b"
                # phase setup
                RUN ["sh","-c","apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*"]
                RUN ["sh","-c","corepack enable"]
                COPY . /app
                RUN ["rm","-f","/app/.gen.Dockerfile"]
                # phase install
                RUN ["sh","-c","npm ci"]
                # phase build
                RUN ["sh","-c","echo \\"done\\" && ls"]
                CMD ["sh","-c","node server.js"]
                """, DockerfileWriter.write(new NixpacksPlan(plan, Map.of()), Set.of("NIXPACKS_BUILD_CMD", "bad name"),
                        ".gen.Dockerfile"));
    }

    @Test
    void copiesTheSourceEvenWithoutPhases() {
        String df = DockerfileWriter.write(new NixpacksPlan(new BuildPlan(List.of("shell"), "debian", Map.of(), List.of(),
                Optional.of("./start.sh")), Map.of()), Set.of(), ".gen.Dockerfile");
        assertTrue(df.contains("COPY . /app\nRUN [\"rm\",\"-f\",\"/app/.gen.Dockerfile\"]\nCMD"), df);
    }

    @Test
    void copiesTheAssetsFromTheContextBeforeThePhasesAndKeepsThemOutOfTheSite() {
        BuildPlan plan = new BuildPlan(List.of("staticfile"), "nginx:alpine", Map.of("PORT", "8080"),
                List.of(new PlanPhase("build", List.of(), List.of("ls"), List.of())), Optional.of("nginx -c /assets/nginx.conf"));
        assertEquals("""
                FROM nginx:alpine
                WORKDIR /app
                ENV PORT="8080"
                COPY .slipway-nixpacks-assets/ /assets/
                COPY . /app
                RUN ["rm","-rf","/app/.gen.Dockerfile","/app/.slipway-nixpacks-assets"]
                # phase build
                RUN ["sh","-c","ls"]
                CMD ["sh","-c","nginx -c /assets/nginx.conf"]
                """, DockerfileWriter.write(new NixpacksPlan(plan, Map.of("nginx.conf", "daemon off;")), Set.of(),
                ".gen.Dockerfile"));
    }

    @Test
    void rejectsAnImageThatIsNoReference() {
        BuildPlan plan = new BuildPlan(List.of(), "busybox\nRUN rm -rf /", Map.of(), List.of(), Optional.empty());
        assertThrows(PlanRejectedException.class,
                () -> DockerfileWriter.write(new NixpacksPlan(plan, Map.of()), Set.of(), "x"));
    }

    @Test
    void rejectsAnAptPackageThatIsNoName() {
        BuildPlan plan = new BuildPlan(List.of(), "debian", Map.of(),
                List.of(new PlanPhase("setup", List.of(), List.of(), List.of("curl; rm -rf /"))), Optional.empty());
        assertThrows(PlanRejectedException.class,
                () -> DockerfileWriter.write(new NixpacksPlan(plan, Map.of()), Set.of(), "x"));
    }

    @Test
    void nixpacksCommandIsAnArgumentList() {
        assertEquals(List.of("/usr/bin/nixpacks", "build", "/src", "--name", "slipway/web:4", "--env", "A=1 2",
                        "--label", "slipway.app=web"),
                NixpacksCli.buildCommand(Path.of("/usr/bin/nixpacks"), Path.of("/src"), "slipway/web:4",
                        Map.of("A", "1 2"), Map.of("slipway.app", "web")));
    }
}
