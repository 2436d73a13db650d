package io.slipway.plugins.upload;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;

/**
 * How much an archive may unpack to, so a crafted archive cannot fill the disk.
 *
 * @param maxEntries most files, folders and links
 * @param maxUnpackedBytes most bytes all files together unpack to
 * @param maxRatio largest unpacked-to-packed ratio (a zip bomb's is in the thousands)
 * @param ratioFloorBytes the ratio is judged only past this many unpacked bytes: a small text file
 *        compresses well without being a bomb
 */
record ExtractionLimits(int maxEntries, long maxUnpackedBytes, int maxRatio, long ratioFloorBytes) {
    static final int DEFAULT_ENTRIES = 10_000;
    static final long DEFAULT_UNPACKED_MB = 1024;
    static final int DEFAULT_RATIO = 100;

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.number("maxEntries").label("Most entries").defaultValue(Integer.toString(DEFAULT_ENTRIES))
                    .help("An archive with more files and folders is refused"),
            ConfigField.number("maxUnpackedMb").label("Most unpacked size (MB)")
                    .defaultValue(Long.toString(DEFAULT_UNPACKED_MB))
                    .help("An archive whose files unpack to more is refused"),
            ConfigField.number("maxRatio").label("Largest compression ratio").defaultValue(Integer.toString(DEFAULT_RATIO))
                    .help("An archive that unpacks to more than this many times its size is refused as a zip bomb"));

    static ExtractionLimits from(Config config) {
        return new ExtractionLimits(
                config.integer("maxEntries").orElse(DEFAULT_ENTRIES),
                config.longValue("maxUnpackedMb").orElse(DEFAULT_UNPACKED_MB) * 1024 * 1024,
                config.integer("maxRatio").orElse(DEFAULT_RATIO),
                1024 * 1024);
    }
}
