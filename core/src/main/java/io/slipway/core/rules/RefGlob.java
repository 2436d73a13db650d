package io.slipway.core.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over branch, tag or file names: {@code *} matches within one path segment (no {@code /}),
 * {@code **} matches across segments, {@code ?} one character other than {@code /}; everything
 * else is literal. {@code release/*} matches {@code release/1.2} but not {@code release/1/hotfix}.
 */
public record RefGlob(String pattern) {
    public RefGlob {
        Objects.requireNonNull(pattern, "pattern");
    }

    public boolean matches(String name) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return pattern.equals(name); // the usual rule, "main": no pattern to compile per delivery
        }
        return toRegex(pattern).matcher(name).matches();
    }

    static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                if (twice) {
                    i++;
                    // "**/" also matches no folder at all: "src/**/x.js" matches "src/x.js".
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:.*/)?");
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
