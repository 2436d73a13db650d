package io.slipway.plugins.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.slipway.plugin.api.step.DeploymentLog;
import java.util.Optional;

/**
 * Receives the engine's build stream: writes it to the deployment log line by line, remembers
 * the step running (to name it when the build fails), the error and the image id.
 */
final class BuildOutput extends ResultCallback.Adapter<BuildResponseItem> {
    private final DeploymentLog log;
    private final StringBuilder partial = new StringBuilder();
    private volatile String lastStep;
    private volatile String error;
    private volatile String imageId;

    BuildOutput(DeploymentLog log) {
        this.log = log;
    }

    @Override
    public void onNext(BuildResponseItem item) {
        if (item.getStream() != null) {
            append(item.getStream());
        }
        if (item.isErrorIndicated()) {
            flush();
            String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            error = message == null ? "unknown build error" : message.strip();
            log.line("ERROR: " + error);
        }
        if (item.getImageId() != null) {
            imageId = item.getImageId();
        }
    }

    @Override
    public void onComplete() {
        flush();
        super.onComplete();
    }

    private synchronized void append(String chunk) {
        partial.append(chunk);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            emit(partial.substring(0, nl));
            partial.delete(0, nl + 1);
        }
    }

    private synchronized void flush() {
        if (partial.length() > 0) {
            emit(partial.toString());
            partial.setLength(0);
        }
    }

    private void emit(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.startsWith("Step ")) {
            lastStep = line;
        }
        if (!line.isBlank()) {
            log.line(line);
        }
    }

    Optional<String> error() {
        return Optional.ofNullable(error);
    }

    Optional<String> lastStep() {
        return Optional.ofNullable(lastStep);
    }

    Optional<String> imageId() {
        return Optional.ofNullable(imageId);
    }
}
