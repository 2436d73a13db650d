package io.slipway.plugins.nixpacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.plugin.api.build.BuildPlan;
import io.slipway.plugin.api.build.PlanPhase;
import io.slipway.plugin.api.build.PlanRejectedException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plan as a Dockerfile: the base image, build arguments, variables, the setup phase before the
 * source is copied (so its layer stays cached), the other phases after, the start command last.
 * Commands go in exec form as JSON arrays ({@code ["sh", "-c", "..."]}), so no text of the plan can
 * break out of its instruction. The plan's asset files (written by the builder into
 * {@link #CONTEXT_ASSETS} of the build context) are copied to {@link #ASSETS} before the phases.
 */
final class DockerfileWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}";
    /** Where the plan's asset files sit in the image. */
    static final String ASSETS = "/assets";
    /** The folder of the build context the builder writes the asset files into. */
    static final String CONTEXT_ASSETS = ".slipway-nixpacks-assets";

    private DockerfileWriter() {
    }

    /**
     * @param self the generated Dockerfile's name in the source, removed from the image right after
     *        the copy (a static site would serve it)
     */
    static String write(NixpacksPlan nixpacksPlan, Set<String> buildArgs, String self) {
        BuildPlan plan = nixpacksPlan.plan();
        boolean assets = !nixpacksPlan.assets().isEmpty();
        if (!plan.buildImage().matches(IMAGE)) {
            throw new PlanRejectedException("The build image '" + plan.buildImage() + "' is not an image reference "
                    + "(name[:tag]).", Optional.empty());
        }
        StringBuilder out = new StringBuilder();
        out.append("FROM ").append(plan.buildImage()).append('\n');
        out.append("WORKDIR /app\n");
        for (String arg : new TreeSet<>(buildArgs)) {
            if (arg.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                out.append("ARG ").append(arg).append('\n');
            }
        }
        plan.variables().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(v ->
                out.append("ENV ").append(v.getKey()).append('=').append(quote(v.getKey(), v.getValue())).append('\n'));
        if (assets) {
            out.append("COPY ").append(CONTEXT_ASSETS).append("/ ").append(ASSETS).append("/\n");
        }
        boolean copied = false;
        for (PlanPhase phase : plan.phases()) {
            if (!copied && !phase.name().equals("setup")) {
                copy(out, self, assets);
                copied = true;
            }
            out.append("# phase ").append(phase.name()).append('\n');
            if (!phase.aptPackages().isEmpty()) {
                for (String pkg : phase.aptPackages()) {
                    if (!pkg.matches("[a-z0-9][a-z0-9+.:=~-]*")) {
                        throw new PlanRejectedException("'" + pkg + "' in aptPkgs is not a Debian package name.",
                                Optional.empty());
                    }
                }
                out.append("RUN ").append(exec("apt-get update && apt-get install -y --no-install-recommends "
                        + String.join(" ", phase.aptPackages()) + " && rm -rf /var/lib/apt/lists/*")).append('\n');
            }
            for (String cmd : phase.commands()) {
                out.append("RUN ").append(exec(cmd)).append('\n');
            }
        }
        if (!copied) {
            copy(out, self, assets);
        }
        plan.startCommand().ifPresent(cmd -> out.append("CMD ").append(exec(cmd)).append('\n'));
        return out.toString();
    }

    /** The source, without the generated files (a static site would serve them). */
    private static void copy(StringBuilder out, String self, boolean assets) {
        out.append("COPY . /app\n");
        List<String> rm = assets ? List.of("rm", "-rf", "/app/" + self, "/app/" + CONTEXT_ASSETS)
                : List.of("rm", "-f", "/app/" + self);
        try {
            out.append("RUN ").append(JSON.writeValueAsString(rm)).append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String exec(String command) {
        try {
            return JSON.writeValueAsString(List.of("sh", "-c", command));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value for ENV: double-quoted, with the characters the Dockerfile parser reads escaped. */
    private static String quote(String name, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new PlanRejectedException("The variable " + name + " holds a line break, which an image variable "
                    + "cannot: put it on one line.", Optional.empty());
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
    }
}
