package org.corads.steps.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one JSON form used for hashing: object keys sorted, no whitespace, records and maps alike.
 * Two parameter records that are equal give byte-identical canonical JSON.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private CanonicalJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Canonical text of any value (records, maps, JSON trees): keys sorted, numbers in one form ({@code -900},
     * {@code -900.0} and {@code -9E2} all print as {@code -900}; {@code 0.50} as {@code 0.5}).
     */
    public static String of(Object value) {
        try {
            JsonNode tree = value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
            return MAPPER.writer().with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .writeValueAsString(normalised(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode normalised(JsonNode n) {
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? BigIntegerNode.valueOf(d.toBigIntegerExact()) : DecimalNode.valueOf(d);
        }
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            new TreeMap<String, JsonNode>(
                    n.properties().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .forEach((k, v) -> o.set(k, normalised(v)));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> a.add(normalised(x)));
            return a;
        }
        return n;
    }
}
