package io.slipway.core.webhooks;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.CommitStatus;
import io.slipway.plugin.api.source.CommitStatusPublisher;
import io.slipway.plugin.api.source.PreviewNotice;
import io.slipway.plugin.api.source.PullRequestState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every status and preview notice it is asked to publish; fails on purpose for
 * repositories whose name contains "broken" (a forge that is down).
 */
public final class RecordingStatusPublisher implements CommitStatusPublisher {
    private final List<CommitStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<PreviewNotice> notices = new CopyOnWriteArrayList<>();
    private final Map<Integer, PullRequestState> pullRequests = new ConcurrentHashMap<>();

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

    /** Answers {@link #pullRequestState} for {@code number} with {@code state} from now on (else "cannot tell"). */
    public void pullRequest(int number, PullRequestState state) {
        pullRequests.put(number, state);
    }

    @Override
    public Optional<PullRequestState> pullRequestState(String repository, int number, Config config) {
        return Optional.ofNullable(pullRequests.get(number));
    }

    public List<CommitStatus> statuses() {
        return List.copyOf(statuses);
    }

    public List<PreviewNotice> notices() {
        return List.copyOf(notices);
    }
}
