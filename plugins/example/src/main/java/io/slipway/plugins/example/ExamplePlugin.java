package io.slipway.plugins.example;

import org.pf4j.Plugin;

/** The plugin's life-cycle class; this one needs no start or stop work. */
public final class ExamplePlugin extends Plugin {
}
