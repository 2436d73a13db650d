/** Part of Slipway's plugin SDK; see {@link io.slipway.plugin.api}. */
package io.slipway.plugin.api.build;
