package io.slipway.plugins.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository URL that passed {@link #check}: https, http, ssh or scp-like {@code git@host:path};
 * local paths and {@code file://} only when an admin allowed them. Everything else (transport
 * helpers like {@code ext::}, option lookalikes like {@code -uhttps://...}, {@code git://}) is
 * refused before JGit sees it.
 *
 * <pre>{@code
 * RepositoryUrl url = RepositoryUrl.parse("https://git.example.org/shop.git", false).orElseThrow();
 * url.mirrorKey(); // sha-256 hex: the mirror's folder name, never user text
 * }</pre>
 */
public record RepositoryUrl(String value, Kind kind) {

    /** How the repository is reached. */
    public enum Kind { HTTP, SSH, LOCAL }

    private static final Pattern TRANSPORT_HELPER = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*::.*");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://.*");
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:([A-Za-z0-9_][A-Za-z0-9._-]*)@)?([A-Za-z0-9][A-Za-z0-9.-]+):(?!//)(\\S+)$");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]");

    public RepositoryUrl {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
    }

    /** The URL, or empty when {@link #check} refuses it. */
    public static Optional<RepositoryUrl> parse(String text, boolean allowLocal) {
        if (check(text, allowLocal).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new RepositoryUrl(text, kindOf(text)));
    }

    /** Why {@code text} is not an acceptable repository URL, in words for the settings form; empty when it is. */
    public static Optional<String> check(String text, boolean allowLocal) {
        if (text == null || text.isBlank()) {
            return Optional.of("is required");
        }
        if (!text.equals(text.strip()) || text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return Optional.of("must not contain spaces or control characters");
        }
        if (text.startsWith("-")) {
            return Optional.of("must not start with '-'");
        }
        if (TRANSPORT_HELPER.matcher(text).matches()) {
            return Optional.of("must be an https://, http:// or ssh:// URL (transport helpers like ext:: are not allowed)");
        }
        var scheme = SCHEME.matcher(text);
        if (scheme.matches()) {
            return checkWithScheme(text, scheme.group(1).toLowerCase(Locale.ROOT), allowLocal);
        }
        if (isLocalPath(text)) {
            return allowLocal ? Optional.empty() : Optional.of(localRefused());
        }
        var scp = SCP_LIKE.matcher(text);
        if (scp.matches()) {
            return Optional.empty();
        }
        return Optional.of("must be an https://, http:// or ssh:// URL, or user@host:path");
    }

    private static Optional<String> checkWithScheme(String text, String scheme, boolean allowLocal) {
        if (scheme.equals("file")) {
            return allowLocal ? Optional.empty() : Optional.of(localRefused());
        }
        if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("ssh")) {
            return Optional.of("must be an https://, http:// or ssh:// URL (not " + scheme + "://)");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null || !HOST.matcher(uri.getHost()).matches()) {
            return Optional.of("must name a host");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            if (!scheme.equals("ssh")) {
                return Optional.of("must not contain credentials: put them in the username and token fields");
            }
            if (userInfo.contains(":")) {
                return Optional.of("must not contain a password: use the private key field");
            }
        }
        if (uri.getRawPath() == null || uri.getRawPath().length() <= 1) {
            return Optional.of("must name a repository path");
        }
        return Optional.empty();
    }

    private static boolean isLocalPath(String text) {
        return text.startsWith("/") || text.startsWith("./") || text.startsWith("../") || text.startsWith("~")
                || text.equals(".") || text.equals("..") || text.startsWith("\\") || !text.contains(":");
    }

    private static String localRefused() {
        return "must be a remote https://, http:// or ssh:// URL: local repositories are not allowed on this server (an admin can allow them in Settings)";
    }

    private static Kind kindOf(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return Kind.HTTP;
        }
        if (lower.startsWith("file://") || isLocalPath(text)) {
            return Kind.LOCAL;
        }
        return Kind.SSH;
    }

    /** The host part ({@code git.example.org}), or the empty string for local paths. */
    public String host() {
        if (kind == Kind.LOCAL) {
            return "";
        }
        var scp = SCP_LIKE.matcher(value);
        if (!SCHEME.matcher(value).matches() && scp.matches()) {
            return scp.group(2).toLowerCase(Locale.ROOT);
        }
        return Optional.ofNullable(URI.create(value).getHost()).orElse("").toLowerCase(Locale.ROOT);
    }

    /** The mirror's folder name: a SHA-256 of the URL, so user text never becomes a path. */
    public String mirrorKey() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The URL for messages and logs; it never carries credentials ({@link #check} refuses them). */
    @Override
    public String toString() {
        return Redaction.stripUserInfo(value);
    }
}
