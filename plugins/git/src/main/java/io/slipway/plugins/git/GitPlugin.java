package io.slipway.plugins.git;

import org.pf4j.Plugin;

/** The git plugin's life-cycle class; its one extension, {@link GitSourceProvider}, needs no start or stop work. */
public final class GitPlugin extends Plugin {
}
