package io.slipway.core.uploads;

import io.slipway.core.plans.PlanJson;

/**
 * What the app page's upload-and-plan section shows.
 *
 * @param takesUploads whether the app's source takes archives (the upload field shows only then)
 * @param latest the newest upload; null when none
 * @param plans whether the app's builder makes plans
 * @param plan the plan, made only before the first deploy; null otherwise or when it failed
 * @param planError why no plan could be made; null when there is one or none was asked for
 */
public record UploadPanel(String app, boolean takesUploads, Upload latest, boolean plans, PlanJson plan,
                          String planError) {
}
