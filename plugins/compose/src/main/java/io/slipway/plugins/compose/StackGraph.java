package io.slipway.plugins.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' {@code depends_on} graph: checked for unknown services and cycles, and ordered so
 * that every service comes after what it depends on (file order among independent ones).
 */
final class StackGraph {
    private final List<String> order;

    private StackGraph(List<String> order) {
        this.order = List.copyOf(order);
    }

    /** @throws InvalidComposeException naming a missing service or the services of a cycle */
    static StackGraph of(ComposeFile file) {
        for (ServiceSpec s : file.services().values()) {
            for (ServiceSpec.Dependency d : s.dependsOn()) {
                if (!file.services().containsKey(d.service())) {
                    throw new InvalidComposeException("services." + s.name() + ".depends_on", "Service '" + s.name()
                            + "' depends on '" + d.service() + "', which is not a service of this file: add it or "
                            + "remove the dependency.");
                }
            }
        }
        List<String> order = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (String name : file.services().keySet()) {
            visit(file, name, state, new ArrayList<>(), order);
        }
        return new StackGraph(order);
    }

    private static void visit(ComposeFile file, String name, Map<String, Integer> state, List<String> path,
                              List<String> order) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return;
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new InvalidComposeException("services." + name + ".depends_on", "The services depend on each other in"
                    + " a cycle: " + String.join(" -> ", cycle) + ". Remove one of these depends_on entries.");
        }
        state.put(name, 1);
        path.add(name);
        for (ServiceSpec.Dependency d : file.services().get(name).dependsOn()) {
            visit(file, d.service(), state, path, order);
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        order.add(name);
    }

    /** Every service after the ones it depends on. */
    List<String> startOrder() {
        return order;
    }

    /** Edges for drawing: service -> dependency. */
    static List<String[]> edges(ComposeFile file) {
        List<String[]> out = new ArrayList<>();
        file.services().values().forEach(s -> s.dependsOn().forEach(d -> out.add(new String[] {s.name(), d.service(),
                d.condition().label()})));
        return out;
    }
}
