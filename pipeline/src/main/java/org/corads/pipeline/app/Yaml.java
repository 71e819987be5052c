package org.corads.pipeline.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one YAML reader for user files (studies, training configs): unknown keys and nulls for primitives are
 * refused, enum values are matched ignoring case (written as their labels: {@code ground-truth}, {@code 3d}); a
 * document is limited in size and nesting, a key may appear once, and an alias is never expanded into the
 * collection it names (the parser reads it as text, so no alias bomb can grow a document; the loader's alias limit
 * is set as well, for any later reader that composes nodes).
 */
public final class Yaml {
    /** Aliases per document: a study needs none; a handful is kindness, thousands is an expansion bomb. */
    public static final int MAX_ALIASES = 20;
    /** Nesting depth: a study is four levels deep. */
    public static final int MAX_DEPTH = 32;
    /** Characters per document. */
    public static final int MAX_CHARS = 256 * 1024;

    private static final ObjectMapper STRICT = JsonMapper
            .builder(YAMLFactory.builder().loaderOptions(limits())
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_CHARS).maxDocumentLength(MAX_CHARS).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();

    private Yaml() {}

    private static LoaderOptions limits() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(MAX_ALIASES);
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(MAX_DEPTH);
        o.setCodePointLimit(MAX_CHARS);
        o.setAllowDuplicateKeys(false);
        return o;
    }

    /** The strict mapper (thread-safe; do not reconfigure). */
    public static ObjectMapper strict() {
        return STRICT;
    }

    /** The accepted values of an enum as a user writes them, e.g. {@code model, ground-truth, none}. */
    public static String labels(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /**
     * One line saying what is wrong with a YAML document and where, in a user's words (after the file's name):
     * {@code field 'arms[0].head' must be one of continuous, categorical, got 'ordinal' (line 3, column 41)},
     * {@code unknown key 'colour' (line 2, column 9); known here: [...]}, {@code field 'seeds': expected a whole
     * number, got 'ten' (line 2, column 8)}, {@code is not valid YAML (line 4, column 1): …}.
     */
    public static String problem(JsonProcessingException e) {
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "field '" + field(f) + "' must be one of " + labels(f.getTargetType()) + ", got '" + f.getValue()
                    + "'" + where(f);
        }
        if (e instanceof InvalidFormatException f) {
            return "field '" + field(f) + "': " + expected(f) + ", got '" + f.getValue() + "'" + where(f);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + field(u) + "'" + where(u) + "; known here: "
                    + new TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList());
        }
        if (e instanceof MismatchedInputException m) {
            String f = field(m);
            return (f.isEmpty() ? "the document" : "field '" + f + "'") + ": " + expected(m) + where(m);
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof StreamReadException broken) {
            return notValid(broken);
        }
        if (e instanceof JsonMappingException m) {
            return "field '" + field(m) + "': " + m.getOriginalMessage() + where(m);
        }
        return notValid(e);
    }

    /** The path of the offending field: {@code arms[0].head}. */
    public static String field(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            }
        }
        return b.toString();
    }

    /** {@code is not valid YAML (line 4, column 1): while parsing a flow mapping: expected ',' or '}', …}. */
    public static String notValid(JsonProcessingException e) {
        String what = String.join(": ",
                String.valueOf(e.getOriginalMessage()).lines()
                        .filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.contains("in 'reader'"))
                        .map(String::strip).toList());
        return "is not valid YAML" + where(e) + (what.isEmpty() ? "" : ": " + what);
    }

    /** {@code " (line 3, column 12)"} where the parser or mapper stopped, or nothing when it does not say. */
    public static String where(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /**
     * What a value of the wrong shape should have been, in a user's words: {@code expected a mapping (key: value),
     * got a list}.
     */
    public static String expected(MismatchedInputException e) {
        Class<?> t = e.getTargetType();
        String want;
        if (t == null) {
            want = "a value";
        } else if (List.class.isAssignableFrom(t) || t.isArray()) {
            want = "a list";
        } else if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            want = "a whole number";
        } else if (Number.class.isAssignableFrom(t) || t == double.class || t == float.class) {
            want = "a number";
        } else if (t == Boolean.class || t == boolean.class) {
            want = "true or false";
        } else if (t == String.class) {
            want = "text";
        } else {
            want = "a mapping (key: value)";
        }
        if (e instanceof InvalidFormatException) {
            return "expected " + want;
        }
        Matcher m = GOT.matcher(String.valueOf(e.getOriginalMessage()));
        String got = !m.find() ? null : switch (m.group(1)) {
            case "Array" -> "a list";
            case "Object" -> "a mapping";
            case "String" -> "text";
            case "Integer", "Floating-point" -> "a number";
            case "Boolean" -> "true or false";
            default -> null;
        };
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content")) {
            got = "nothing";
        }
        return "expected " + want + (got == null ? "" : ", got " + got);
    }

    private static final Pattern GOT = Pattern.compile("from ([A-Z][a-z-]+(?:-point)?) value");
}
