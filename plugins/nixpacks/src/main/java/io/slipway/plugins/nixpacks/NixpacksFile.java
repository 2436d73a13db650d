package io.slipway.plugins.nixpacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.plugin.api.build.PlanRejectedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source's nixpacks.toml (or nixpacks.json): {@code providers}, {@code buildImage},
 * {@code variables}, {@code phases.<name>.cmds/dependsOn/aptPkgs} and {@code start.cmd}. Anything
 * malformed is refused with the file and line, so the user can fix it.
 *
 * @param name the file read ({@code nixpacks.toml}), for messages
 * @param text its text, to find the line of a problem
 */
record NixpacksFile(String name, String text, Optional<List<String>> providers, Optional<String> buildImage,
                    Map<String, String> variables, Map<String, PhaseOverride> phases, Optional<String> startCmd) {

    static NixpacksFile none() {
        return new NixpacksFile("", "", Optional.empty(), Optional.empty(), Map.of(), Map.of(), Optional.empty());
    }

    static NixpacksFile read(SourceFiles files) {
        for (String name : List.of("nixpacks.toml", "nixpacks.json")) {
            Optional<String> text = files.read(name);
            if (text.isPresent()) {
                return parse(name, text.get());
            }
        }
        return none();
    }

    static NixpacksFile parse(String name, String text) {
        ObjectMapper mapper = name.endsWith(".toml") ? new TomlMapper() : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new PlanRejectedException(name + (line > 0 ? " line " + line : "") + " is malformed: "
                    + SourceFiles.firstLine(e.getOriginalMessage()), line > 0 ? Optional.of(line) : Optional.empty());
        }
        Reader r = new Reader(name, text);
        if (root == null || !root.isObject()) {
            throw r.problem("must be a table of settings", "");
        }
        Map<String, PhaseOverride> phases = new LinkedHashMap<>();
        JsonNode phasesNode = root.path("phases");
        if (!phasesNode.isMissingNode()) {
            r.requireObject(phasesNode, "phases");
            for (Iterator<Map.Entry<String, JsonNode>> it = phasesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> phase = it.next();
                if (!phase.getKey().matches("[A-Za-z0-9_-]{1,40}")) {
                    throw r.problem("phase name '" + phase.getKey() + "' must be letters, digits, _ or -", phase.getKey());
                }
                r.requireObject(phase.getValue(), "phases." + phase.getKey());
                phases.put(phase.getKey(), new PhaseOverride(
                        r.strings(phase.getValue(), "cmds"),
                        r.strings(phase.getValue(), "dependsOn"),
                        r.strings(phase.getValue(), "aptPkgs")));
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        JsonNode vars = root.path("variables");
        if (!vars.isMissingNode()) {
            r.requireObject(vars, "variables");
            vars.fields().forEachRemaining(e -> {
                if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw r.problem("variable name '" + e.getKey() + "' must be letters, digits and _", e.getKey());
                }
                if (!e.getValue().isValueNode()) {
                    throw r.problem("variable '" + e.getKey() + "' must be a string", e.getKey());
                }
                variables.put(e.getKey(), e.getValue().asText());
            });
        }
        Optional<String> start = Optional.empty();
        JsonNode startNode = root.path("start");
        if (!startNode.isMissingNode()) {
            r.requireObject(startNode, "start");
            start = r.string(startNode, "cmd");
        }
        return new NixpacksFile(name, text, r.strings(root, "providers"), r.string(root, "buildImage"), variables, phases,
                start);
    }

    /** The 1-based line where {@code word} first appears, when it does. */
    Optional<Integer> lineOf(String word) {
        return Reader.lineOf(text, word);
    }

    private record Reader(String name, String text) {

        Optional<List<String>> strings(JsonNode parent, String field) {
            JsonNode node = parent.path(field);
            if (node.isMissingNode() || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isArray()) {
                throw problem("'" + field + "' must be a list of strings", field);
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw problem("'" + field + "' must be a list of strings", field);
                }
                out.add(item.asText());
            }
            return Optional.of(out);
        }

        Optional<String> string(JsonNode parent, String field) {
            JsonNode node = parent.path(field);
            if (node.isMissingNode() || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isTextual()) {
                throw problem("'" + field + "' must be a string", field);
            }
            return Optional.of(node.asText());
        }

        void requireObject(JsonNode node, String field) {
            if (!node.isObject()) {
                throw problem("'" + field + "' must be a table", field.substring(field.lastIndexOf('.') + 1));
            }
        }

        PlanRejectedException problem(String what, String word) {
            Optional<Integer> line = word.isEmpty() ? Optional.empty() : lineOf(text, word);
            return new PlanRejectedException(name + line.map(l -> " line " + l).orElse("") + ": " + what + ".", line);
        }

        static Optional<Integer> lineOf(String text, String word) {
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(word)) {
                    return Optional.of(i + 1);
                }
            }
            return Optional.empty();
        }
    }
}
