package io.slipway.war.launcher;

import java.nio.file.Path;

/**
 * A separate JVM that unpacks a war like the launcher does and prints the folder it got:
 * {@code UnpackOnce <war> <cacheRoot> exit|hold}. With {@code hold} it keeps the folder (and its
 * lock) until its standard input closes, like a running server.
 */
public final class UnpackOnce {
    private UnpackOnce() {
    }

    public static void main(String[] args) throws Exception {
        WarUnpacker.Unpacked unpacked = new WarUnpacker(Path.of(args[1]), line -> { }).unpack(Path.of(args[0]));
        System.out.println(unpacked.dir());
        System.out.flush();
        if (args[2].equals("hold")) {
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        unpacked.release();
    }
}
