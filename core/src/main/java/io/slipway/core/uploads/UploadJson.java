package io.slipway.core.uploads;

import io.slipway.core.deployments.DeploymentJson;
import java.time.Instant;

/**
 * An upload as the API shows it; {@code deployment} is the deployment it queued, null when stored
 * only ({@code ?deploy=false}) or listed.
 */
public record UploadJson(String app, String revision, long sizeBytes, String format, int entries, String fileName,
                         String uploadedBy, Instant uploadedAt, DeploymentJson deployment) {

    static UploadJson of(Upload u, DeploymentJson deployment) {
        return new UploadJson(u.app(), u.revision(), u.sizeBytes(), u.format(), u.entries(), u.fileName(),
                u.uploadedBy(), u.uploadedAt(), deployment);
    }
}
