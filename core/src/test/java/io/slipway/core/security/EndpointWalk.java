package io.slipway.core.security;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every resource method reachable from a list of JAX-RS resource classes (sub-resource locators
 * followed), with its HTTP method, a concrete path (templates filled by {@code fill}) and the
 * media type it consumes.
 */
final class EndpointWalk {
    private static final Pattern PARAM = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    /** One endpoint to try. */
    record Endpoint(String httpMethod, String template, String path, String consumes, Method method) {
        boolean mutating() {
            return !Set.of("GET", "HEAD", "OPTIONS").contains(httpMethod);
        }

        boolean ownAccount() {
            return method.isAnnotationPresent(OwnAccount.class) || method.getDeclaringClass().isAnnotationPresent(OwnAccount.class);
        }

        @Override
        public String toString() {
            return httpMethod + " " + template + " (" + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ")";
        }
    }

    private EndpointWalk() {
    }

    /** {@code fill} maps (parameter name, regex or null) to a value for the path. */
    static List<Endpoint> of(Set<Class<?>> classes, FillParam fill) {
        List<Endpoint> out = new ArrayList<>();
        for (Class<?> c : classes) {
            Path p = c.getAnnotation(Path.class);
            walk(c, p == null ? "" : p.value(), consumes(c).orElse(null), fill, out, new HashSet<>());
        }
        return out;
    }

    /** Chooses a value for a path parameter. */
    interface FillParam {
        String value(String template, String name, String regex);
    }

    private static void walk(Class<?> c, String base, String classConsumes, FillParam fill, List<Endpoint> out, Set<Class<?>> seen) {
        if (!seen.add(c)) {
            return;
        }
        for (Method m : c.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Path p = m.getAnnotation(Path.class);
            String template = join(base, p == null ? "" : p.value());
            Optional<String> http = httpMethod(m);
            if (http.isPresent()) {
                String consumes = consumes(m).orElse(classConsumes);
                out.add(new Endpoint(http.get(), template, fill(template, fill), consumes, m));
            } else if (p != null) {
                walk(m.getReturnType(), template, consumes(m).orElse(classConsumes), fill, out, seen);
            }
        }
    }

    private static Optional<String> httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> consumes(java.lang.reflect.AnnotatedElement e) {
        Consumes c = e.getAnnotation(Consumes.class);
        return c == null || c.value().length == 0 ? Optional.empty() : Optional.of(c.value()[0].split(",")[0].trim());
    }

    private static String join(String a, String b) {
        String left = a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
        String right = b.isEmpty() || b.startsWith("/") ? b : "/" + b;
        String joined = left + right;
        return joined.isEmpty() ? "/" : (joined.startsWith("/") ? joined : "/" + joined);
    }

    private static String fill(String template, FillParam fill) {
        Matcher m = PARAM.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(fill.value(template, m.group(1), m.group(2))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
