package io.slipway.plugins.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Reads how much memory the machine can still give out (Linux {@code /proc/meminfo}). */
final class MemInfo {
    private MemInfo() {
    }

    /** MemAvailable in MB, or empty where the file or the line does not exist (not Linux). */
    static OptionalLong availableMb(Path meminfo) {
        try {
            return parseAvailableMb(Files.readAllLines(meminfo));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parseAvailableMb(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("MemAvailable:")) {
                String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]) / 1024);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
