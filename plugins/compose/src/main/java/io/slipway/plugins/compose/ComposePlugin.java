package io.slipway.plugins.compose;

import org.pf4j.Plugin;

/** The plugin's life-cycle class: engine connections are opened per call, so nothing to start. */
public final class ComposePlugin extends Plugin {
}
