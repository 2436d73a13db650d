package io.slipway.core.webhooks;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.CommitStatus;
import io.slipway.plugin.api.source.CommitStatusPublisher;
import io.slipway.plugin.api.source.PreviewNotice;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every status and preview notice it is asked to publish; fails on purpose for
 * repositories whose name contains "broken" (a forge that is down).
 */
public final class RecordingStatusPublisher implements CommitStatusPublisher {
    private final List<CommitStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<PreviewNotice> notices = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return "recording-status";
    }

    @Override
    public String displayName() {
        return "Recording commit status publisher";
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    @Override
    public void publish(CommitStatus status, Config config) {
        if (status.repository().contains("broken")) {
            throw new IllegalStateException("the forge is down");
        }
        statuses.add(status);
    }

    @Override
    public void previewChanged(PreviewNotice notice, Config config) {
        notices.add(notice);
    }

    public List<CommitStatus> statuses() {
        return List.copyOf(statuses);
    }

    public List<PreviewNotice> notices() {
        return List.copyOf(notices);
    }
}
