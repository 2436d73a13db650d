package io.slipway.plugins.upload;

import io.slipway.plugin.api.source.ArchiveRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The archive kinds accepted, recognised by their content (never by the file name). */
enum ArchiveFormat {
    ZIP("zip"), TAR("tar"), TAR_GZ("tar.gz");

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }

    static ArchiveFormat ofExtension(String extension) {
        for (ArchiveFormat f : values()) {
            if (f.extension.equals(extension)) {
                return f;
            }
        }
        throw new IllegalArgumentException("not an archive extension: " + extension);
    }

    /**
     * @throws ArchiveRejectedException when the file is none of the accepted kinds
     */
    static ArchiveFormat detect(Path file) {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ArchiveRejectedException("The upload could not be read: " + e.getMessage(), e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            return ZIP;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return TAR_GZ;
        }
        if (n == 512 && (isUstar(head) || allZero(head))) {
            return TAR;
        }
        throw new ArchiveRejectedException("The upload is not an archive: send a .zip, .tar.gz (.tgz) or .tar file.");
    }

    private static boolean isUstar(byte[] header) {
        return header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a' && header[261] == 'r';
    }

    private static boolean allZero(byte[] block) {
        return Arrays.equals(block, new byte[block.length]);
    }
}
