package io.slipway.plugins.upload;

/**
 * One entry of an archive as read, before any check: its raw name, kind, link target and Unix mode.
 *
 * @param name the name as stored in the archive
 * @param kind what it is
 * @param linkTarget where a link points; empty for other kinds
 * @param mode Unix permission bits; 0 when the archive has none
 */
record ArchiveEntry(String name, Kind kind, String linkTarget, int mode) {

    enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, SPECIAL }

    boolean executable() {
        return (mode & 0111) != 0;
    }
}
