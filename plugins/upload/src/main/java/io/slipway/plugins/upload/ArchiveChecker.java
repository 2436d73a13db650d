package io.slipway.plugins.upload;

import io.slipway.plugin.api.source.ArchiveRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The first pass: reads every entry without writing anything and refuses the archive on the first
 * problem — unsafe names, links leaving the archive, special files, too many entries, too many
 * unpacked bytes, a bomb's compression ratio, nothing to deploy. Counts the bytes actually
 * unpacked, never the sizes the archive claims.
 */
final class ArchiveChecker {
    private final ExtractionLimits limits;

    ArchiveChecker(ExtractionLimits limits) {
        this.limits = limits;
    }

    ArchiveSurvey survey(Path archive, ArchiveFormat format) {
        long packed = size(archive);
        Tally tally = new Tally(packed);
        ArchiveReader.read(archive, format, (entry, content) -> tally.add(entry, content));
        if (tally.files == 0) {
            throw new ArchiveRejectedException("The archive is empty (no files in it): upload an archive of your app's folder.");
        }
        return new ArchiveSurvey(tally.entries, tally.files, tally.unpacked, tally.stripPrefix());
    }

    /** Where a link in {@code entryName} pointing at {@code target} ends, relative to the root. */
    static String linkDestination(String entryName, String target) {
        if (target.isEmpty() || target.startsWith("/") || target.replace('\\', '/').startsWith("/")
                || target.matches("^[A-Za-z]:.*")) {
            throw new ArchiveRejectedException("The archive has a link " + entryName + " -> " + target
                    + " pointing outside its folder: links must point to files inside the archive.");
        }
        Path base = Path.of("/root").resolve(entryName).getParent();
        Path resolved = base.resolve(target.replace('\\', '/')).normalize();
        if (!resolved.startsWith("/root")) {
            throw new ArchiveRejectedException("The archive has a link " + entryName + " -> " + target
                    + " pointing outside its folder: links must point to files inside the archive.");
        }
        return Path.of("/root").relativize(resolved).toString();
    }

    private static long size(Path archive) {
        try {
            return Files.size(archive);
        } catch (IOException e) {
            throw new ArchiveRejectedException("The upload could not be read: " + e.getMessage(), e);
        }
    }

    private final class Tally {
        private final long packed;
        private final byte[] buffer = new byte[64 * 1024];
        private final Set<String> topLevel = new HashSet<>();
        private boolean topLevelFile;
        private int entries;
        private int files;
        private long unpacked;

        Tally(long packed) {
            this.packed = packed;
        }

        void add(ArchiveEntry entry, InputStream content) throws IOException {
            if (++entries > limits.maxEntries()) {
                throw new ArchiveRejectedException("The archive has more than " + limits.maxEntries()
                        + " entries: leave out dependencies (node_modules, .venv, target) and upload again.");
            }
            String name = EntryNames.normalize(entry.name()).orElse(null);
            if (name == null) {
                drain(content);
                return;
            }
            switch (entry.kind()) {
                case SPECIAL -> throw new ArchiveRejectedException("The archive has a device or pipe entry (" + name
                        + "): only files, folders and links can be uploaded.");
                case SYMLINK, HARDLINK -> linkDestination(name, entry.linkTarget());
                case FILE -> {
                    files++;
                    drain(content);
                }
                case DIRECTORY -> { }
                default -> throw new IllegalStateException(entry.kind().name());
            }
            int slash = name.indexOf('/');
            topLevel.add(slash < 0 ? name : name.substring(0, slash));
            if (slash < 0 && entry.kind() != ArchiveEntry.Kind.DIRECTORY) {
                topLevelFile = true;
            }
        }

        private void drain(InputStream content) throws IOException {
            int n;
            while ((n = content.read(buffer)) > 0) {
                unpacked += n;
                check();
            }
        }

        private void check() {
            if (unpacked > limits.maxUnpackedBytes()) {
                throw new ArchiveRejectedException("The archive unpacks to more than " + limits.maxUnpackedBytes()
                        + " bytes: upload a smaller archive (leave out dependencies and build output).");
            }
            if (unpacked > limits.ratioFloorBytes() && unpacked > (long) limits.maxRatio() * Math.max(packed, 1)) {
                throw new ArchiveRejectedException("The archive unpacks to more than " + limits.maxRatio()
                        + " times its size, the mark of a zip bomb: it is refused.");
            }
        }

        String stripPrefix() {
            return topLevel.size() == 1 && !topLevelFile ? topLevel.iterator().next() + "/" : "";
        }
    }
}
