package io.slipway.core.audit.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How an HTTP request is named in the audit log; pure functions, so the rules are tested as data.
 * Actions come from the resource ({@code AppsResource.create} → {@code app.create},
 * {@code EnvVarPages.put} → {@code env-var.put}); targets from the path's parameters, each
 * labelled by the collection it sits in ({@code apps/web/env/KEY} → {@code app:web/env:KEY}).
 */
public final class RequestNames {
    private static final List<String> SUFFIXES = List.of("Resource", "Pages", "Page");

    private RequestNames() {
    }

    public static String action(Class<?> resource, String method) {
        String name = resource.getSimpleName();
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        List<String> words = new ArrayList<>(words(name));
        words.set(words.size() - 1, singular(words.get(words.size() - 1)));
        return String.join("-", words) + "." + String.join("-", words(method));
    }

    /** For a request no resource method matched (refused before routing, or unknown). */
    public static String action(String httpMethod, List<String> segments) {
        String noun = segments.stream().filter(s -> !s.isEmpty()).findFirst().map(RequestNames::singular).orElse("root");
        return noun.toLowerCase(Locale.ROOT) + "." + httpMethod.toLowerCase(Locale.ROOT);
    }

    /**
     * @param segments the request path's segments below the application's root, decoded
     * @param params the values of the matched path parameters
     * @param status the response's status
     * @param location the response's Location (a created resource, a form's redirect), if any
     */
    public static String target(List<String> segments, Collection<String> params, int status, Optional<String> location) {
        List<String> parts = new ArrayList<>();
        Set<String> wanted = new HashSet<>(params);
        for (int i = 1; i < segments.size(); i++) {
            if (wanted.remove(segments.get(i))) {
                parts.add(singular(segments.get(i - 1)) + ":" + segments.get(i));
            }
        }
        // The Location of a 201/202 names what was created; a form's redirect only says where the
        // browser goes next, which names the target only when the path did not.
        location.filter(l -> status == 201 || status == 202 || (parts.isEmpty() && status >= 300 && status < 400))
                .flatMap(RequestNames::pair).filter(p -> !parts.contains(p)).ifPresent(parts::add);
        return String.join("/", parts);
    }

    /** success for 2xx and 3xx (a form's redirect), denied for 401/403 or a redirect to the login page, else failure. */
    public static String outcome(int status, Optional<String> location) {
        if (status == 401 || status == 403) {
            return "denied";
        }
        if (status >= 300 && status < 400 && location.map(RequestNames::path).orElse("").matches("(.*/)?login/?")) {
            return "denied";
        }
        return status >= 200 && status < 400 ? "success" : "failure";
    }

    static String singular(String word) {
        if (word.endsWith("ies") && word.length() > 3) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 1) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    private static List<String> words(String camel) {
        return Arrays.stream(camel.split("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+"))
                .filter(w -> !w.isEmpty()).map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    private static Optional<String> pair(String location) {
        List<String> segs = Arrays.stream(path(location).split("/")).filter(s -> !s.isEmpty()).toList();
        if (segs.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(singular(segs.get(segs.size() - 2)) + ":" + segs.get(segs.size() - 1));
    }

    private static String path(String location) {
        try {
            String p = URI.create(location).getPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
