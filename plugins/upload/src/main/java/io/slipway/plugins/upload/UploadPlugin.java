package io.slipway.plugins.upload;

import org.pf4j.Plugin;

/** The plugin's life-cycle class: archives live in the plugin's data folder, nothing to start. */
public final class UploadPlugin extends Plugin {
}
