package io.slipway.plugin.api.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields an extension needs. The core renders it as a form and calls {@link #parse} on what
 * users send, so an extension receives only values that passed.
 *
 * <pre>{@code
 * ConfigSchema schema = ConfigSchema.of(ConfigField.number("port").required(true));
 * Config config = schema.parse(Map.of("port", 8080)); // or InvalidConfigException naming "port"
 * int port = config.integer("port").orElseThrow();
 * }</pre>
 */
public record ConfigSchema(List<ConfigField> fields) {

    public ConfigSchema {
        fields = List.copyOf(fields);
        var names = new java.util.HashSet<String>();
        for (ConfigField f : fields) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("config field '" + f.name() + "' is declared twice");
            }
        }
    }

    public static ConfigSchema of(ConfigField... fields) {
        return new ConfigSchema(List.of(fields));
    }

    public static ConfigSchema empty() {
        return new ConfigSchema(List.of());
    }

    public Optional<ConfigField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Checks raw values (as they come from JSON or a form: strings, numbers, booleans) against
     * the schema and turns them into typed values: numbers become {@link Long} or {@link Double},
     * booleans {@link Boolean}, everything else {@link String}. Defaults fill missing fields.
     * Unknown keys are errors, so a typo does not pass silently.
     *
     * @throws InvalidConfigException listing every field that failed
     */
    public Config parse(Map<String, ?> raw) {
        Objects.requireNonNull(raw, "raw");
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            if (field(key).isEmpty()) {
                errors.add(new FieldError(key, "is not a setting of this extension"));
            }
        }
        for (ConfigField f : fields) {
            Object value = raw.get(f.name());
            if (value == null || (value instanceof String s && s.isEmpty())) {
                if (f.defaultValue().isPresent()) {
                    value = f.defaultValue().get();
                } else {
                    if (f.required()) {
                        errors.add(new FieldError(f.name(), "is required"));
                    }
                    continue;
                }
            }
            try {
                typed.put(f.name(), convert(f, value));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(f.name(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return new Config(typed);
    }

    private static Object convert(ConfigField f, Object value) {
        return switch (f.type()) {
            case BOOLEAN -> toBoolean(value);
            case NUMBER -> toNumber(value);
            case CHOICE -> {
                String s = value.toString();
                if (!f.choices().contains(s)) {
                    throw new IllegalArgumentException("must be one of " + f.choices());
                }
                yield s;
            }
            case TEXT, SECRET, MULTILINE -> {
                if (!(value instanceof String s)) {
                    throw new IllegalArgumentException("must be text");
                }
                if (f.type() == FieldType.TEXT && s.contains("\n")) {
                    throw new IllegalArgumentException("must be a single line");
                }
                f.pattern().ifPresent(p -> {
                    if (!Pattern.compile(p).matcher(s).matches()) {
                        throw new IllegalArgumentException("does not match the pattern " + p);
                    }
                });
                yield s;
            }
        };
    }

    private static Boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String s = value.toString();
        if (s.equals("true") || s.equals("on")) {
            return true;
        }
        if (s.equals("false") || s.equals("off")) {
            return false;
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static Number toNumber(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String s = value.toString().trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notWhole) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number");
            }
        }
    }
}
