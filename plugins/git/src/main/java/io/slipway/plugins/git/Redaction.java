package io.slipway.plugins.git;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of messages: removes {@code user:password@} from any URL in a text and
 * replaces known secret values. JGit's exception messages quote the URL they failed on.
 *
 * <pre>{@code
 * Redaction.clean("https://bob:s3cret@host/x: not authorized", List.of("s3cret")) // "https://host/x: not authorized"
 * }</pre>
 */
final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@");

    private Redaction() {
    }

    static String stripUserInfo(String text) {
        return USER_INFO.matcher(text).replaceAll("$1");
    }

    static String clean(String text, Collection<String> secrets) {
        String result = stripUserInfo(text == null ? "" : text);
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }
}
