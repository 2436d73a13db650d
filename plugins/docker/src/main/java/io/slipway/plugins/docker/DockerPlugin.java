package io.slipway.plugins.docker;

import org.pf4j.Plugin;

/** The plugin's life-cycle class: the extensions open their engine connections per call, so nothing to start. */
public final class DockerPlugin extends Plugin {
}
