package io.slipway.plugins.nixpacks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the builder's own files into the source folder (the build context). A source may hold a
 * file or symbolic link of the same name (a git repository can hold links to anywhere): it is
 * replaced, never written through, so nothing lands outside the source folder.
 */
final class GeneratedFiles {

    private GeneratedFiles() {
    }

    /** @param relative a path of plain names made by the builder ({@code .slipway-nixpacks-assets/nginx.conf}) */
    static void write(Path sourceDir, String relative, String text) throws IOException {
        Path root = sourceDir.toAbsolutePath().normalize();
        Path target = root;
        String[] names = relative.split("/");
        for (int i = 0; i < names.length - 1; i++) {
            target = target.resolve(names[i]);
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(target); // a file or link in the way
                Files.createDirectory(target);
            }
        }
        target = target.resolve(names[names.length - 1]);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(root.relativize(target) + " is a folder in the source; rename it");
        }
        Files.deleteIfExists(target); // removes a link itself, not what it points to
        Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }
}
