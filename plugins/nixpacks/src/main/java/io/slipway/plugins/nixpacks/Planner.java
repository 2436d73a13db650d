package io.slipway.plugins.nixpacks;

import io.slipway.plugin.api.build.BuildPlan;
import io.slipway.plugin.api.build.PlanPhase;
import io.slipway.plugin.api.build.PlanRejectedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in planner, compatible with Nixpacks' configuration: the first provider that
 * recognises the source (or those nixpacks.toml names) gives image, variables, phase commands and
 * start command; nixpacks.toml/json overrides them; {@code NIXPACKS_INSTALL_CMD},
 * {@code NIXPACKS_BUILD_CMD} and {@code NIXPACKS_START_CMD} override both. The providers' asset files
 * (a static site's nginx.conf) come with the plan. Pure: reads the source, nothing else.
 */
final class Planner {
    static final List<Provider> PROVIDERS = List.of(new NodeProvider(), new PythonProvider(), new GoProvider(),
            new JavaProvider(), new StaticProvider(), new ShellProvider(), new ProcfileProvider());
    private static final List<String> STANDARD = List.of("setup", "install", "build");

    NixpacksPlan plan(Path sourceDir, Map<String, String> env, NixpacksSettings settings) {
        SourceFiles files = new SourceFiles(sourceDir.toAbsolutePath().normalize());
        NixpacksFile file = NixpacksFile.read(files);
        List<Provider> providers = providers(files, file);
        Optional<String> envStart = nonBlank(env.get("NIXPACKS_START_CMD"));
        if (providers.isEmpty() && file.startCmd().isEmpty() && envStart.isEmpty()) {
            throw new PlanRejectedException("Nothing to build: the source has no package.json, requirements.txt, "
                    + "pyproject.toml, go.mod, pom.xml, build.gradle, index.html, Staticfile, Procfile or start.sh at "
                    + "its top. Add one, or a nixpacks.toml with providers and start.cmd.", Optional.empty());
        }
        // PORT in the image is where the app listens; a PORT of nixpacks.toml wins, and a server configured
        // at build time (a static site's nginx) must listen there as well.
        NixpacksSettings effective = settings.withPort(declaredPort(file).orElse(settings.port()));
        String image = settings.shellImage();
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, List<String>> cmds = new LinkedHashMap<>();
        List<String> apt = new ArrayList<>();
        Optional<String> start = Optional.empty();
        Map<String, String> assets = new LinkedHashMap<>();
        for (int i = 0; i < providers.size(); i++) {
            ProviderPlan p = providers.get(i).plan(files, effective);
            if (i == 0) {
                image = p.image();
            }
            variables.putAll(p.variables());
            p.cmds().forEach((phase, list) -> cmds.computeIfAbsent(phase, k -> new ArrayList<>()).addAll(list));
            apt.addAll(p.aptPkgs());
            start = start.or(p::start);
            assets.putAll(p.assets());
        }
        Optional<String> web = Procfile.webCommand(files);
        if (web.isPresent()) {
            start = web; // a Procfile's web process wins over what the language provider guessed
        }
        variables.put("PORT", Integer.toString(settings.port()));
        variables.putAll(file.variables());
        nonBlank(env.get("NIXPACKS_INSTALL_CMD")).ifPresent(c -> cmds.put("install", List.of(c)));
        nonBlank(env.get("NIXPACKS_BUILD_CMD")).ifPresent(c -> cmds.put("build", List.of(c)));
        Optional<String> detectedStart = start;
        start = envStart.or(file::startCmd).or(() -> detectedStart);
        return new NixpacksPlan(new BuildPlan(providers.stream().map(Provider::name).toList(),
                file.buildImage().orElse(image), variables, phases(file, cmds, apt, env), start), assets);
    }

    private static List<Provider> providers(SourceFiles files, NixpacksFile file) {
        List<Provider> detected = PROVIDERS.stream().filter(p -> p.detect(files)).limit(1).toList();
        if (file.providers().isEmpty()) {
            return detected;
        }
        Set<Provider> chosen = new LinkedHashSet<>();
        for (String name : file.providers().get()) {
            if (name.equals(PhaseOverride.KEEP)) {
                chosen.addAll(detected);
                continue;
            }
            chosen.add(PROVIDERS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> {
                Optional<Integer> line = file.lineOf("\"" + name + "\"").or(() -> file.lineOf(name));
                return new PlanRejectedException(file.name() + line.map(l -> " line " + l).orElse("")
                        + ": unknown provider '" + name + "' (known: " + String.join(", ",
                        PROVIDERS.stream().map(Provider::name).toList()) + ").", line);
            }));
        }
        return List.copyOf(chosen);
    }

    private static List<PlanPhase> phases(NixpacksFile file, Map<String, List<String>> cmds, List<String> apt,
                                          Map<String, String> env) {
        Map<String, PlanPhase> byName = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(STANDARD);
        file.phases().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        cmds.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        for (String name : names) {
            PhaseOverride o = file.phases().getOrDefault(name, PhaseOverride.none());
            List<String> phaseCmds = PhaseOverride.apply(o.cmds(), cmds.getOrDefault(name, List.of()));
            if (name.equals("install") && env.containsKey("NIXPACKS_INSTALL_CMD")
                    || name.equals("build") && env.containsKey("NIXPACKS_BUILD_CMD")) {
                phaseCmds = cmds.get(name); // the variable wins over the file
            }
            List<String> phaseApt = PhaseOverride.apply(o.aptPkgs(), name.equals("setup") ? apt : List.of());
            int index = STANDARD.indexOf(name);
            List<String> defaultDeps = index > 0 ? List.of(STANDARD.get(index - 1)) : List.of();
            List<String> deps = PhaseOverride.apply(o.dependsOn(), defaultDeps);
            if (phaseCmds.isEmpty() && phaseApt.isEmpty() && !file.phases().containsKey(name)) {
                continue;
            }
            byName.put(name, new PlanPhase(name, deps, phaseCmds, phaseApt));
        }
        for (PlanPhase p : byName.values()) {
            for (String dep : p.dependsOn()) {
                if (!byName.containsKey(dep) && !STANDARD.contains(dep)) {
                    Optional<Integer> line = file.lineOf(dep);
                    throw new PlanRejectedException(file.name() + line.map(l -> " line " + l).orElse("") + ": phase '"
                            + p.name() + "' depends on '" + dep + "', which is no phase.", line);
                }
            }
        }
        return ordered(byName, file);
    }

    /** Each phase after the phases it depends on; otherwise in declaration order. */
    private static List<PlanPhase> ordered(Map<String, PlanPhase> byName, NixpacksFile file) {
        List<PlanPhase> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String name : byName.keySet()) {
            visit(name, byName, done, new LinkedHashSet<>(), out, file);
        }
        return out;
    }

    private static void visit(String name, Map<String, PlanPhase> byName, Set<String> done, Set<String> path,
                              List<PlanPhase> out, NixpacksFile file) {
        if (done.contains(name) || !byName.containsKey(name)) {
            return;
        }
        if (!path.add(name)) {
            Optional<Integer> line = file.lineOf("dependsOn");
            throw new PlanRejectedException(file.name() + line.map(l -> " line " + l).orElse("")
                    + ": the phases depend on each other in a circle (" + String.join(" -> ", path) + " -> " + name + ").",
                    line);
        }
        for (String dep : byName.get(name).dependsOn()) {
            visit(dep, byName, done, path, out, file);
        }
        path.remove(name);
        done.add(name);
        out.add(byName.get(name));
    }

    private static Optional<Integer> declaredPort(NixpacksFile file) {
        return Optional.ofNullable(file.variables().get("PORT")).map(String::strip).filter(v -> v.matches("[0-9]{1,5}"))
                .map(Integer::parseInt).filter(port -> port >= 1 && port <= 65535);
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
