package io.slipway.plugins.nixpacks;

import org.pf4j.Plugin;

/** The plugin's life-cycle class: builds go through the docker plugin's engine connection, nothing to start. */
public final class NixpacksPlugin extends Plugin {
}
