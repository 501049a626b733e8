package io.watchfloor.sources.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Instant-query answers for series no capture holds (many endpoints at once), built from a real capture: the
 * envelope, result type and the timestamp and value encoding of prom2.42-query-vector-up-with-down-target.json are
 * kept, only each sample's labels and value are substituted.
 */
final class VectorAnswers {
    static final String TEMPLATE = "prom2.42-query-vector-up-with-down-target.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VectorAnswers() {
    }

    /** One sample per entry: its labels and its value as Prometheus writes it ("3", "NaN"). */
    static String vector(Map<Map<String, String>, String> samples) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(Fixtures.prometheusApi(TEMPLATE));
            ArrayNode result = (ArrayNode) root.path("data").path("result");
            JsonNode first = result.get(0);
            result.removeAll();
            samples.forEach((labels, value) -> {
                ObjectNode s = first.deepCopy();
                ObjectNode metric = s.putObject("metric");
                labels.forEach(metric::put);
                ((ArrayNode) s.get("value")).set(1, value);
                result.add(s);
            });
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The evaluation time every built sample carries (the template's). */
    static long timestampMillis() {
        try {
            return Math.round(JSON.readTree(Fixtures.prometheusApi(TEMPLATE))
                    .path("data").path("result").get(0).path("value").get(0).asDouble() * 1000);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
