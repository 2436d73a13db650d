package io.slipway.war.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar slipway.war}: the war's Main-Class, at its root so that no servlet container
 * ever loads it. JDK only. Unpacks the war's libraries once per war (see {@link WarUnpacker}),
 * puts them on a class loader of their own and starts
 * {@code io.slipway.core.server.EmbeddedServer}, which reads its settings from the environment.
 * Runs an exploded war (a folder holding WEB-INF) in place.
 */
public final class Launcher {
    static final String MAIN_CLASS = "io.slipway.core.server.EmbeddedServer";
    /** {@code rotate-key}: re-encrypts the stored secrets under a new key (Slipway stopped). */
    static final String ROTATE_KEY_CLASS = "io.slipway.core.secrets.RotateKeyCommand";
    static final String ROTATE_KEY = "rotate-key";
    static final String BUNDLED_PLUGINS = "slipway.bundled.plugins";

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            usage(System.out);
            return;
        }
        if (args.length > 0 && args[0].equals("--version")) {
            System.out.println("Slipway " + version());
            return;
        }
        Path war = ownLocation();
        UnpackedWar unpacked;
        if (Files.isDirectory(war)) {
            unpacked = new UnpackedWar(war);
        } else {
            WarUnpacker.Unpacked inUse = new WarUnpacker(Path.of(System.getProperty("java.io.tmpdir")),
                    line -> System.err.println("slipway launcher: " + line)).unpack(war);
            // The shared lock lives as long as the JVM, keeping other starts from deleting the folder.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> releaseQuietly(inUse), "slipway-unpack-lock"));
            unpacked = inUse.war();
        }
        start(unpacked, args);
    }

    private static void start(UnpackedWar unpacked, String[] args) throws Throwable {
        URLClassLoader loader = new URLClassLoader("slipway", unpacked.classPath(), ClassLoader.getPlatformClassLoader());
        System.setProperty(BUNDLED_PLUGINS, unpacked.pluginsDir().toString());
        Thread.currentThread().setContextClassLoader(loader);
        boolean rotate = args.length > 0 && args[0].equals(ROTATE_KEY);
        String mainClass = rotate ? ROTATE_KEY_CLASS : MAIN_CLASS;
        String[] rest = rotate ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        Method main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) rest);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The war (or exploded war folder) this class was loaded from. */
    static Path ownLocation() throws URISyntaxException {
        return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String version() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "(unknown version: not run from slipway.war)" : v;
    }

    private static void releaseQuietly(WarUnpacker.Unpacked inUse) {
        try {
            inUse.release();
        } catch (IOException ignored) {
            // the JVM is exiting; the OS drops the lock anyway
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                Usage: java [JVM options] -jar slipway.war [--help | --version | rotate-key]

                Starts Slipway with an embedded Jetty. `rotate-key` instead re-encrypts every stored
                secret under a new key (stop Slipway first): SLIPWAY_HOME/secret.key is replaced and
                the old key kept as secret.key.old; with SLIPWAY_SECRET_KEY the new key is printed.
                The first start of a given war unpacks its libraries under java.io.tmpdir
                (slipway-war-*); later starts reuse them.
                Or deploy slipway.war into any Jakarta Servlet 6 container.

                Settings come from environment variables (or -Dslipway.* system properties, or
                SLIPWAY_HOME/slipway.properties), for example:
                  SLIPWAY_HOME     data, logs, plugins, key file   (default ~/.slipway)
                  SLIPWAY_PORT     UI, REST API, webhooks           (default 8080)
                  SLIPWAY_DB_URL   JDBC URL                         (default H2 under SLIPWAY_HOME/data)
                The distribution's conf/slipway.properties lists all of them.""");
    }
}
