package io.slipway.core.rules;

import io.slipway.core.InvalidInputException;
import io.slipway.plugin.api.config.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rules as the app page's form edits them, one per line:
 * {@code branch main production}, {@code tag v* production},
 * {@code branch release/* staging paths src/**,package.json}. Lines starting with {@code #} and
 * blank lines are skipped.
 */
public final class RuleLines {
    private RuleLines() {
    }

    public static String format(List<DeploymentRule> rules) {
        StringBuilder sb = new StringBuilder();
        for (DeploymentRule r : rules) {
            sb.append(r.branch().map(b -> "branch " + b).orElseGet(() -> "tag " + r.tag().orElseThrow()))
                    .append(' ').append(r.environment());
            if (!r.paths().isEmpty()) {
                sb.append(" paths ").append(String.join(",", r.paths()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @throws InvalidInputException naming {@code rules} with the line that is wrong */
    public static List<RulesBody.RuleBody> parse(String text) {
        List<RulesBody.RuleBody> out = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split("\\s+");
            boolean kindOk = w[0].equals("branch") || w[0].equals("tag");
            boolean shapeOk = w.length == 3 || (w.length == 5 && w[3].equals("paths"));
            if (!kindOk || !shapeOk) {
                errors.add(new FieldError("rules", "line " + (i + 1) + " must read 'branch <pattern> <environment>' or "
                        + "'tag <pattern> <environment>', optionally followed by 'paths <glob>,<glob>'"));
                continue;
            }
            List<String> paths = w.length == 5 ? Arrays.stream(w[4].split(",")).filter(p -> !p.isBlank()).toList() : List.of();
            out.add(w[0].equals("branch") ? new RulesBody.RuleBody(w[1], null, w[2], paths)
                    : new RulesBody.RuleBody(null, w[1], w[2], paths));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return out;
    }
}
