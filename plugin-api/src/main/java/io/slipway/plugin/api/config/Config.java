package io.slipway.plugin.api.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An extension's validated, read-only configuration, made by {@link ConfigSchema#parse}. Secret
 * values arrive decrypted; never log them (the deployment log masks them anyway).
 *
 * <pre>{@code
 * String url = config.require("url");
 * String branch = config.text("branch").orElse("main");
 * boolean shallow = config.bool("shallow").orElse(true);
 * int timeout = config.integer("timeoutSeconds").orElse(60);
 * }</pre>
 *
 * @param values typed values: {@link String}, {@link Boolean}, {@link Long} or {@link Double}
 */
public record Config(Map<String, Object> values) {

    public Config {
        values = Map.copyOf(values);
    }

    public static Config empty() {
        return new Config(Map.of());
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).map(Object::toString);
    }

    /** The text of a field that the schema marks required. */
    public String require(String name) {
        return text(name).orElseThrow(() -> new InvalidConfigException(
                java.util.List.of(new FieldError(name, "is required"))));
    }

    public Optional<Boolean> bool(String name) {
        return Optional.ofNullable(values.get(name)).map(v -> v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString()));
    }

    public Optional<Integer> integer(String name) {
        return number(name).map(Number::intValue);
    }

    public Optional<Long> longValue(String name) {
        return number(name).map(Number::longValue);
    }

    public Optional<Number> number(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n) {
            return Optional.of(n);
        }
        Objects.requireNonNull(v);
        return Optional.of(Double.parseDouble(v.toString()));
    }
}
