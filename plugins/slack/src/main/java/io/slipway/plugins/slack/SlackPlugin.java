package io.slipway.plugins.slack;

import org.pf4j.Plugin;

/** The plugin's life-cycle class; the notifier needs no start or stop work. */
public final class SlackPlugin extends Plugin {
}
