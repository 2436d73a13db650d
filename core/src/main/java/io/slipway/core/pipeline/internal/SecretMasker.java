package io.slipway.core.pipeline.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces secret values with {@code ****} before a log line is written. Values shorter than
 * three characters are left alone: masking "1" or "on" would make every log unreadable and hide
 * nothing worth hiding.
 */
public final class SecretMasker {
    static final String MASK = "****";
    private static final int SHORTEST = 3;

    private final List<String> secrets;

    public SecretMasker(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= SHORTEST).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    public String mask(String text) {
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
