package io.slipway.core.stacks;

import io.slipway.plugin.api.deploy.ServiceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a stack's {@code depends_on} graph as SVG, a pure function: services in columns by depth
 * (what nothing depends on at the right), an arrow from each service to what it depends on, each
 * box coloured by health. All text is escaped; the SVG holds no script.
 */
final class StackGraphSvg {
    private static final int BOX_W = 150;
    private static final int BOX_H = 46;
    private static final int COL_GAP = 70;
    private static final int ROW_GAP = 24;
    private static final int PAD = 16;

    private StackGraphSvg() {
    }

    static String draw(List<ServiceStatus> services) {
        Map<String, ServiceStatus> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        Map<String, Integer> depth = new HashMap<>();
        byName.keySet().forEach(n -> depth(n, byName, depth, 0));
        Map<Integer, List<String>> columns = new java.util.TreeMap<>();
        byName.keySet().forEach(n -> columns.computeIfAbsent(depth.get(n), k -> new ArrayList<>()).add(n));
        Map<String, int[]> at = new HashMap<>();
        int rows = 0;
        for (Map.Entry<Integer, List<String>> col : columns.entrySet()) {
            for (int i = 0; i < col.getValue().size(); i++) {
                at.put(col.getValue().get(i), new int[] {PAD + col.getKey() * (BOX_W + COL_GAP),
                        PAD + i * (BOX_H + ROW_GAP)});
            }
            rows = Math.max(rows, col.getValue().size());
        }
        int width = PAD * 2 + Math.max(1, columns.size()) * (BOX_W + COL_GAP) - COL_GAP;
        int height = PAD * 2 + Math.max(1, rows) * (BOX_H + ROW_GAP) - ROW_GAP;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Service dependency graph\" font-family=\"sans-serif\" "
                        + "font-size=\"13\">")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                        + "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
                        + "fill=\"#667\"/></marker></defs>");
        for (ServiceStatus s : byName.values()) {
            for (String dep : s.dependsOn()) {
                int[] from = at.get(s.name());
                int[] to = at.get(dep);
                if (from == null || to == null) {
                    continue;
                }
                svg.append("<line x1=\"").append(from[0]).append("\" y1=\"").append(from[1] + BOX_H / 2)
                        .append("\" x2=\"").append(to[0] + BOX_W).append("\" y2=\"").append(to[1] + BOX_H / 2)
                        .append("\" stroke=\"#667\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
            }
        }
        for (ServiceStatus s : byName.values()) {
            int[] p = at.get(s.name());
            svg.append("<g><title>").append(escape(s.name() + ": " + s.state() + ", " + s.health())).append("</title>")
                    .append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"")
                    .append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"")
                    .append(fill(s)).append("\" stroke=\"#445\"/>")
                    .append("<text x=\"").append(p[0] + 10).append("\" y=\"").append(p[1] + 19)
                    .append("\" font-weight=\"bold\">").append(escape(s.name())).append("</text>")
                    .append("<text x=\"").append(p[0] + 10).append("\" y=\"").append(p[1] + 36).append("\">")
                    .append(escape(s.running() + "/" + s.desired() + " · " + s.health())).append("</text></g>");
        }
        return svg.append("</svg>").toString();
    }

    private static int depth(String name, Map<String, ServiceStatus> byName, Map<String, Integer> memo, int guard) {
        Integer known = memo.get(name);
        if (known != null) {
            return known;
        }
        int d = 0;
        ServiceStatus s = byName.get(name);
        if (s != null && guard < byName.size()) {
            for (String dep : s.dependsOn()) {
                if (byName.containsKey(dep)) {
                    d = Math.max(d, depth(dep, byName, memo, guard + 1) + 1);
                }
            }
        }
        memo.put(name, d);
        return d;
    }

    private static String fill(ServiceStatus s) {
        if (StackHealth.good(s) && s.running() > 0) {
            return "#d7f5dd";
        }
        return s.running() > 0 ? "#fff3c4" : "#f8d4d4";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
