package io.slipway.plugins.compose;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a compose file (Compose Specification) into a {@link ComposeFile}: YAML, then variable
 * interpolation from the app's variables, then the services, then the checks of
 * {@link StackGraph} and {@link Safety}. Every refusal is an {@link InvalidComposeException}.
 *
 * <pre>{@code
 * ComposeFile file = ComposeParser.parse(yaml, appEnv, true, path -> Optional.empty());
 * }</pre>
 */
final class ComposeParser {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_LEVEL = Set.of("version", "name", "services", "networks", "volumes");
    private static final Set<String> IGNORED_TOP_LEVEL = Set.of("configs", "secrets", "include");

    private ComposeParser() {
    }

    /**
     * @param strict whether an unset {@code ${VAR:?message}} fails (at deploy time) or reads as
     *     empty (when checking a file before the app's variables are final)
     * @param envFiles contents of {@code env_file} entries by path, as the builder read them
     */
    static ComposeFile parse(String yaml, Map<String, String> env, boolean strict,
                             Function<String, Optional<String>> envFiles) {
        JsonNode root = readYaml(yaml);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidComposeException("file", "The compose file is empty: add a 'services:' section.");
        }
        if (!root.isObject()) {
            throw new InvalidComposeException("file", "The compose file must be a mapping with a 'services:' section.");
        }
        JsonNode doc = interpolate(root, env, strict);
        List<String> warnings = new ArrayList<>();
        doc.fieldNames().forEachRemaining(key -> {
            if (IGNORED_TOP_LEVEL.contains(key)) {
                warnings.add("The top-level key '" + key + "' is not supported by Slipway and was ignored.");
            } else if (!TOP_LEVEL.contains(key) && !key.startsWith("x-")) {
                warnings.add("Unknown top-level key '" + key + "' was ignored (a typo? extensions start with 'x-').");
            }
        });
        Map<String, ComposeFile.ResourceSpec> networks = resources(doc.path("networks"), "networks");
        networks.putIfAbsent("default", ComposeFile.ResourceSpec.owned());
        Map<String, ComposeFile.ResourceSpec> volumes = resources(doc.path("volumes"), "volumes");
        JsonNode services = doc.path("services");
        if (!services.isObject() || services.isEmpty()) {
            throw new InvalidComposeException("services", "The compose file has no services: add a 'services:' "
                    + "mapping with at least one service.");
        }
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = services.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ServiceReader reader = new ServiceReader(e.getKey(), e.getValue(), env, envFiles, warnings);
            ServiceSpec spec = reader.read();
            checkDeclared(spec, networks.keySet(), volumes.keySet());
            specs.put(e.getKey(), spec);
        }
        ComposeFile file = new ComposeFile(specs, networks, volumes, warnings);
        StackGraph.of(file); // missing services and cycles
        return file;
    }

    private static JsonNode readYaml(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidComposeException("file", "The compose file is not valid YAML" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ". Fix the file and try again.");
        }
    }

    /** Interpolates every scalar string value (never keys), as Compose does. */
    private static JsonNode interpolate(JsonNode node, Map<String, String> env, boolean strict) {
        if (node.isTextual()) {
            return TextNode.valueOf(Interpolation.apply(node.asText(), env, strict));
        }
        if (node.isObject()) {
            ObjectNode copy = YAML.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), interpolate(e.getValue(), env, strict)));
            return copy;
        }
        if (node.isArray()) {
            var copy = YAML.createArrayNode();
            node.forEach(n -> copy.add(interpolate(n, env, strict)));
            return copy;
        }
        return node;
    }

    private static Map<String, ComposeFile.ResourceSpec> resources(JsonNode node, String section) {
        Map<String, ComposeFile.ResourceSpec> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new InvalidComposeException(section, "'" + section + "' must be a mapping of names.");
        }
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            out.put(e.getKey(), new ComposeFile.ResourceSpec(v.path("external").asBoolean(false),
                    text(v.path("name")), text(v.path("driver"))));
        });
        return out;
    }

    private static void checkDeclared(ServiceSpec spec, Set<String> networks, Set<String> volumes) {
        for (String n : spec.networks()) {
            if (!networks.contains(n)) {
                throw new InvalidComposeException("services." + spec.name() + ".networks", "Service '" + spec.name()
                        + "' uses the network '" + n + "', which is not declared: add it under the top-level 'networks:'.");
            }
        }
        for (ServiceSpec.MountSpec m : spec.volumes()) {
            if (m.type().equals("volume") && !m.source().isEmpty() && !volumes.contains(m.source())) {
                throw new InvalidComposeException("services." + spec.name() + ".volumes", "Service '" + spec.name()
                        + "' mounts the volume '" + m.source() + "', which is not declared: add it under the "
                        + "top-level 'volumes:'.");
            }
        }
    }

    static Optional<String> text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }
}
