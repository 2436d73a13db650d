package io.slipway.core.rules;

/**
 * How many previews an app may have live at once (a pull request beyond it waits; its comment says
 * so) and after how many days without a new commit a preview is removed.
 */
public record PreviewLimits(int maxLive, int ttlDays) {
    public static final PreviewLimits DEFAULT = new PreviewLimits(5, 7);
    static final int MAX_LIVE = 50;
    static final int MAX_TTL_DAYS = 365;

    public PreviewLimits {
        if (maxLive < 1 || maxLive > MAX_LIVE || ttlDays < 1 || ttlDays > MAX_TTL_DAYS) {
            throw new IllegalArgumentException("preview limits out of range: " + maxLive + ", " + ttlDays);
        }
    }
}
