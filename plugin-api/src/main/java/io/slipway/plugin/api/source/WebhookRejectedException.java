package io.slipway.plugin.api.source;

import io.slipway.plugin.api.SlipwayPluginException;

/**
 * A webhook that must not be acted on; the sender gets {@link #status()} with the message.
 *
 * <pre>{@code
 * throw new WebhookRejectedException(400, "payload is not JSON");
 * }</pre>
 */
public class WebhookRejectedException extends SlipwayPluginException {
    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejected webhook answers 4xx, not " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }
}
