package io.slipway.plugins.upload;

import io.slipway.plugin.api.source.ArchiveRejectedException;
import java.util.Optional;

/** Turns an archive entry's stored name into a safe relative path, or refuses it (zip-slip). */
final class EntryNames {
    private EntryNames() {
    }

    /**
     * The entry's path relative to the archive's root, with {@code /} separators, no {@code .}
     * segments and no trailing slash; empty for the root itself and for macOS resource forks
     * ({@code __MACOSX/}), which are skipped.
     *
     * @throws ArchiveRejectedException for absolute paths, drive letters, {@code ..} segments and NUL
     */
    static Optional<String> normalize(String raw) {
        String name = raw.replace('\\', '/');
        if (name.indexOf('\0') >= 0) {
            throw new ArchiveRejectedException("The archive has an entry whose name holds a NUL character: create it again.");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new ArchiveRejectedException("The archive has an entry with an absolute path (" + raw
                    + "): entries must be relative to the archive's folder.");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new ArchiveRejectedException("The archive has an entry that leaves its folder (" + raw
                        + "): remove '..' from the entry names.");
            }
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(segment);
        }
        String result = out.toString();
        if (result.isEmpty() || result.equals("__MACOSX") || result.startsWith("__MACOSX/")) {
            return Optional.empty();
        }
        return Optional.of(result);
    }
}
