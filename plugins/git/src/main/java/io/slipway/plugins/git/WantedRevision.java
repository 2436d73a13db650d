package io.slipway.plugins.git;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a deployment asked for: a commit id, a branch, a tag, or a name that may be either
 * (a branch wins over a tag of the same name, as in git).
 *
 * <pre>{@code
 * WantedRevision.of("main");               // NAME main
 * WantedRevision.of("refs/tags/v1.2.0");   // TAG v1.2.0
 * WantedRevision.of("9fceb02d0ae598e95dc970b74767f19372d61af8"); // COMMIT
 * }</pre>
 */
record WantedRevision(Kind kind, String name) {

    enum Kind { COMMIT, BRANCH, TAG, NAME }

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{40}");

    WantedRevision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /**
     * @throws IllegalArgumentException naming the problem when {@code ref} is not a valid name
     */
    static WantedRevision of(String ref) {
        if (COMMIT_ID.matcher(ref).matches()) {
            return new WantedRevision(Kind.COMMIT, ref.toLowerCase(Locale.ROOT));
        }
        Kind kind = Kind.NAME;
        String name = ref;
        if (ref.startsWith("refs/heads/")) {
            kind = Kind.BRANCH;
            name = ref.substring("refs/heads/".length());
        } else if (ref.startsWith("refs/tags/")) {
            kind = Kind.TAG;
            name = ref.substring("refs/tags/".length());
        }
        String problem = RefNames.check(name).orElse(null);
        if (problem != null) {
            throw new IllegalArgumentException("The ref '" + printable(ref) + "' " + problem);
        }
        return new WantedRevision(kind, name);
    }

    boolean isCommit() {
        return kind == Kind.COMMIT;
    }

    /** Keeps control characters out of messages and logs. */
    private static String printable(String text) {
        return text.codePoints().limit(100)
                .collect(StringBuilder::new, (b, c) -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c), StringBuilder::append)
                .toString();
    }
}
