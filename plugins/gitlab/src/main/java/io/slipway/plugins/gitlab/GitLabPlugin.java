package io.slipway.plugins.gitlab;

import org.pf4j.Plugin;

/** The gitlab plugin's life-cycle class; its extensions need no start or stop work. */
public final class GitLabPlugin extends Plugin {
}
