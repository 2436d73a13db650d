package io.slipway.plugins.github;

import org.pf4j.Plugin;

/** The github plugin's life-cycle class; its extensions need no start or stop work. */
public final class GitHubPlugin extends Plugin {
}
