package io.slipway.plugins.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes a commit's files into a folder (no {@code .git}: builders get the files, not the
 * history or the mirror). Paths are checked to stay inside the folder, {@code .git} entries are
 * skipped, and nothing is written through a symbolic link the tree itself made.
 *
 * <pre>{@code
 * Map<String, ObjectId> gitlinks = TreeExporter.export(mirror, commit, targetDir);
 * }</pre>
 */
final class TreeExporter {
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private TreeExporter() {
    }

    /** Empties {@code dir} (an earlier fetch may be there) without following symbolic links. */
    static void empty(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!d.equals(dir)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Writes the files of {@code commit} into {@code target} (which should be empty).
     *
     * @return the submodule commits (gitlinks) by path, whose folders are left empty
     */
    static Map<String, ObjectId> export(Repository repo, RevCommit commit, Path target, Runnable checkStop) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Map<String, ObjectId> gitlinks = new LinkedHashMap<>();
        Set<String> links = new java.util.HashSet<>();
        // Per-file costs add up over thousands of files: folders are made once (createDirectories
        // throws and catches inside for one that exists), one reader serves every object, and the
        // file store is asked about permissions once.
        Set<Path> folders = new java.util.HashSet<>();
        folders.add(root);
        boolean posix = Files.getFileStore(root).supportsFileAttributeView("posix");
        try (TreeWalk walk = new TreeWalk(repo)) {
            ObjectReader reader = walk.getObjectReader(); // the walk's own, closed with it
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                checkStop.run();
                String path = walk.getPathString();
                Path out = inside(root, path, links);
                FileMode mode = walk.getFileMode(0);
                if (folders.add(out.getParent())) {
                    Files.createDirectories(out.getParent());
                }
                if (mode == FileMode.GITLINK) {
                    Files.createDirectories(out);
                    folders.add(out);
                    gitlinks.put(path, walk.getObjectId(0));
                } else if (mode == FileMode.SYMLINK) {
                    String linkTarget = new String(reader.open(walk.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    Files.createSymbolicLink(out, Path.of(linkTarget));
                    links.add(path);
                } else {
                    try (InputStream in = reader.open(walk.getObjectId(0)).openStream()) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (mode == FileMode.EXECUTABLE_FILE && posix) {
                        Files.setPosixFilePermissions(out, EXECUTABLE);
                    }
                }
            }
        }
        return gitlinks;
    }

    /** {@code root/path}, refused when it would leave {@code root}, enter {@code .git} or pass a symbolic link. */
    static Path inside(Path root, String path, Set<String> links) throws IOException {
        String[] parts = path.split("/");
        var prefix = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.equalsIgnoreCase(".git")) {
                throw new IOException("the repository holds an unsafe path: " + path);
            }
            if (links.contains(prefix.toString())) {
                throw new IOException("the repository writes through a symbolic link: " + path);
            }
            prefix.append(prefix.length() == 0 ? "" : "/").append(part);
        }
        Path out = root.resolve(path).normalize();
        if (!out.startsWith(root) || out.equals(root)) {
            throw new IOException("the repository holds an unsafe path: " + path);
        }
        return out;
    }
}
