package io.slipway.plugins.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One named volume of the deployer's {@code volumes} setting: a line {@code name:/path}. Only
 * named volumes: a host path would let an app read the server's files.
 *
 * @param name the name the user gave (the engine's volume is {@link #volumeName(String) prefixed})
 * @param path the absolute path inside the container
 */
record VolumeMount(String name, String path) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_./@+-]*");

    /** The engine's volume, per app, so an app never mounts another app's data. */
    String volumeName(String app) {
        return "slipway-" + app + "-" + name;
    }

    static List<VolumeMount> parseAll(String text) {
        List<VolumeMount> mounts = new ArrayList<>();
        for (String line : lines(text)) {
            int colon = line.indexOf(':');
            mounts.add(new VolumeMount(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return mounts;
    }

    /** One message per bad line, naming it. */
    static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String prefix = "line " + number + " ('" + l + "') ";
            int colon = l.indexOf(':');
            if (colon < 0) {
                problems.add(prefix + "must be name:/path");
                continue;
            }
            String name = l.substring(0, colon).trim();
            String path = l.substring(colon + 1).trim();
            if (!NAME.matcher(name).matches()) {
                problems.add(prefix + "has a bad name: letters, digits, '_', '.', '-', starting with a letter or digit");
            } else if (!PATH.matcher(path).matches() || path.contains(":")) {
                problems.add(prefix + "needs an absolute path inside the container, like /data");
            } else if (path.equals("/") || List.of(path.split("/")).contains("..")) {
                problems.add(prefix + "must not mount at / or use '..'");
            } else if (paths.contains(path)) {
                problems.add(prefix + "mounts " + path + " a second time");
            } else {
                paths.add(path);
            }
        }
        return problems;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                lines.add(l);
            }
        }
        return lines;
    }
}
