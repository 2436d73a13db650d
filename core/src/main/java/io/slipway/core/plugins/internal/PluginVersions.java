package io.slipway.core.plugins.internal;

import java.util.regex.Pattern;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * Plugin ids, SemVer versions and version ranges, checked the way PF4J checks them so that what
 * Slipway accepts up front PF4J accepts too.
 */
public final class PluginVersions {
    /** A plugin id: it becomes part of file names and URLs. */
    public static final Pattern PLUGIN_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
    private static final String ID_PART = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-" + ID_PART + "(?:\\." + ID_PART + ")*)?(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?$");
    private static final Pattern EXACT = Pattern.compile("^\\d+\\.\\d+\\.\\d+$");

    private final VersionManager versions = new DefaultVersionManager();

    public static boolean isPluginId(String id) {
        return id != null && PLUGIN_ID.matcher(id).matches();
    }

    public static boolean isSemVer(String version) {
        return version != null && version.length() <= 63 && SEMVER.matcher(version).matches();
    }

    /** Whether {@code range} is an expression PF4J can evaluate (empty and {@code *} mean any). */
    public boolean isRange(String range) {
        try {
            versions.checkVersionConstraint("0.0.0", range);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean satisfies(String version, String range) {
        try {
            return versions.checkVersionConstraint(version, range);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a plugin's {@code Plugin-Requires} admits this Slipway; a bare {@code x.y.z} means
     * {@code >=x.y.z}, as in PF4J.
     */
    public boolean admits(String requires, String slipwayVersion) {
        String r = requires.trim();
        return satisfies(slipwayVersion, EXACT.matcher(r).matches() ? ">=" + r : r);
    }

    public int compare(String a, String b) {
        return versions.compareVersions(a, b);
    }
}
