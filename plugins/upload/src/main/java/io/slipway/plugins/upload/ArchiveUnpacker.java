package io.slipway.plugins.upload;

import io.slipway.plugin.api.source.ArchiveRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unpacks an archive into a folder after {@link ArchiveChecker} passed it: the single top-level
 * folder stripped, every path proven to stay inside the folder, files written before any link is
 * made (so nothing is written through a link), and links checked again once they exist. On any
 * failure the folder is emptied: nothing half-unpacked stays.
 */
final class ArchiveUnpacker {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final ArchiveChecker checker;

    ArchiveUnpacker(ExtractionLimits limits) {
        this.checker = new ArchiveChecker(limits);
    }

    ArchiveSurvey unpack(Path archive, ArchiveFormat format, Path target) {
        ArchiveSurvey survey = checker.survey(archive, format);
        try {
            Files.createDirectories(target);
            Path root = target.toRealPath();
            List<ArchiveEntry> links = new ArrayList<>();
            ArchiveReader.read(archive, format, (entry, content) -> {
                String name = relative(entry, survey.stripPrefix());
                if (name.isEmpty()) {
                    return;
                }
                switch (entry.kind()) {
                    case DIRECTORY -> Files.createDirectories(inside(root, name));
                    case FILE -> write(inside(root, name), content, entry.executable());
                    case SYMLINK, HARDLINK -> links.add(new ArchiveEntry(name, entry.kind(), entry.linkTarget(), entry.mode()));
                    default -> throw new IllegalStateException("checked before: " + entry.kind());
                }
            });
            for (ArchiveEntry link : links) {
                makeLink(root, link);
            }
            for (ArchiveEntry link : links) {
                Path path = root.resolve(link.name());
                if (Files.exists(path) && !path.toRealPath().startsWith(root)) {
                    throw new ArchiveRejectedException("The archive has a link " + link.name() + " -> "
                            + link.linkTarget() + " that leads outside its folder through another link: it is refused.");
                }
            }
            return survey;
        } catch (IOException | RuntimeException e) {
            empty(target);
            if (e instanceof ArchiveRejectedException rejected) {
                throw rejected;
            }
            throw new ArchiveRejectedException("The archive could not be unpacked: " + e.getMessage(), e);
        }
    }

    private static String relative(ArchiveEntry entry, String stripPrefix) {
        String name = EntryNames.normalize(entry.name()).orElse("");
        if (name.isEmpty() || !stripPrefix.isEmpty() && (name + "/").equals(stripPrefix)) {
            return "";
        }
        return name.startsWith(stripPrefix) ? name.substring(stripPrefix.length()) : name;
    }

    private static Path inside(Path root, String name) {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new ArchiveRejectedException("The archive has an entry that leaves its folder (" + name + ").");
        }
        return path;
    }

    private static void write(Path path, InputStream content, boolean executable) throws IOException {
        Files.createDirectories(path.getParent());
        if (Files.isSymbolicLink(path) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArchiveRejectedException("The archive has two entries named " + path.getFileName() + ".");
        }
        Files.copy(content, path, StandardCopyOption.REPLACE_EXISTING);
        if (POSIX) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    private static void makeLink(Path root, ArchiveEntry link) throws IOException {
        String destination = ArchiveChecker.linkDestination(link.name(), link.linkTarget());
        Path path = inside(root, link.name());
        Files.createDirectories(path.getParent());
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArchiveRejectedException("The archive has two entries named " + link.name() + ".");
        }
        if (link.kind() == ArchiveEntry.Kind.SYMLINK) {
            Files.createSymbolicLink(path, Path.of(link.linkTarget().replace('\\', '/')));
        } else {
            Path source = inside(root, destination);
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new ArchiveRejectedException("The archive has a hard link " + link.name() + " to "
                        + link.linkTarget() + ", which is not a file in the archive.");
            }
            Files.copy(source, path, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Deletes what the folder holds (links themselves, never what they point to). */
    static void empty(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(folder)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new ArchiveRejectedException("Could not clean up " + folder + ": " + e.getMessage());
        }
    }
}
