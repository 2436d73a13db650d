package io.slipway.core.rules;

/**
 * The names git itself accepts for branches and tags ({@code git check-ref-format}), so a ref
 * built to look like a path or a command ({@code ../x}, {@code a b}, {@code x;y}) never reaches a
 * source provider. Stricter than git where git is lax: no shell metacharacters either.
 */
public final class GitRefNames {
    private GitRefNames() {
    }

    public static boolean isValid(String name) {
        if (name.isEmpty() || name.length() > 255 || name.startsWith("/") || name.endsWith("/")
                || name.endsWith(".") || name.endsWith(".lock") || name.contains("..") || name.contains("//")
                || name.contains("@{") || name.equals("@") || name.startsWith("-")) {
            return false;
        }
        for (String part : name.split("/")) {
            if (part.startsWith(".")) {
                return false;
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c == 0x7f || "~^:?*[\\$`;|&<>(){}'\"!#".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
