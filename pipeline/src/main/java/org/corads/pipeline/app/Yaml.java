package org.corads.pipeline.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one YAML reader for user files (studies, training configs): unknown keys and nulls for primitives are
 * refused, enum values are matched ignoring case (written as their labels: {@code ground-truth}, {@code 3d}).
 */
public final class Yaml {
    private static final ObjectMapper STRICT = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();

    private Yaml() {}

    /** The strict mapper (thread-safe; do not reconfigure). */
    public static ObjectMapper strict() {
        return STRICT;
    }

    /** The accepted values of an enum as a user writes them, e.g. {@code model, ground-truth, none}. */
    public static String labels(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
