package io.slipway.plugins.nixpacks;

import java.util.Optional;

/** The {@code web:} (else first) process of a Procfile. */
final class Procfile {
    private Procfile() {
    }

    static Optional<String> webCommand(SourceFiles files) {
        Optional<String> text = files.read("Procfile");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> first = Optional.empty();
        for (String line : text.get().lines().toList()) {
            int colon = line.indexOf(':');
            if (line.isBlank() || line.strip().startsWith("#") || colon < 1) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String cmd = line.substring(colon + 1).strip();
            if (name.equals("web")) {
                return Optional.of(cmd);
            }
            if (first.isEmpty()) {
                first = Optional.of(cmd);
            }
        }
        return first;
    }
}
