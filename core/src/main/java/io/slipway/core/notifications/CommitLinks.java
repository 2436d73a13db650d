package io.slipway.core.notifications;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A revision's page on GitHub or GitLab from the source's clone URL
 * ({@code https://github.com/acme/web.git}, {@code git@gitlab.com:acme/web.git}). Hosts not known
 * to be either give no link rather than a wrong one.
 */
public final class CommitLinks {
    private static final Pattern HTTPS = Pattern.compile("https?://(?:[^@/]+@)?([^/:]+)(?::\\d+)?/(.+?)(?:\\.git)?/?");
    private static final Pattern SCP = Pattern.compile("(?:ssh://)?[^@]+@([^:/]+)[:/](.+?)(?:\\.git)?/?");
    private static final Pattern REVISION = Pattern.compile("[0-9a-fA-F]{7,64}");

    private CommitLinks() {
    }

    /** The repository's web page. */
    public static Optional<String> repository(String sourceUrl) {
        Matcher m = HTTPS.matcher(sourceUrl.trim());
        if (!m.matches()) {
            m = SCP.matcher(sourceUrl.trim());
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        String host = m.group(1).toLowerCase(java.util.Locale.ROOT);
        if (!(host.contains("github") || host.contains("gitlab")) || !m.group(2).matches("[A-Za-z0-9._/-]+")) {
            return Optional.empty();
        }
        return Optional.of("https://" + host + "/" + m.group(2));
    }

    /** The commit's page: {@code /commit/<sha>} on GitHub, {@code /-/commit/<sha>} on GitLab. */
    public static Optional<String> commit(String sourceUrl, String revision) {
        if (!REVISION.matcher(revision).matches()) {
            return Optional.empty();
        }
        return repository(sourceUrl).map(repo -> repo + (repo.contains("gitlab") ? "/-/commit/" : "/commit/") + revision);
    }
}
