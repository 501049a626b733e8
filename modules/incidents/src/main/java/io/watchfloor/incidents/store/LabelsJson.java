package io.watchfloor.incidents.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert labels as a JSON object in one column: they are read back whole, never queried one by one. Labels come
 * from an alert source, so a huge set is cut to fit rather than refused: long values first, then whole labels,
 * marked with a {@code watchfloor_truncated} label so the cut is visible.
 */
final class LabelsJson {
    static final String TRUNCATED = "watchfloor_truncated";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final int VALUE_CUT = 200;

    private LabelsJson() {
    }

    static String write(Map<String, String> labels) {
        TreeMap<String, String> sorted = new TreeMap<>(labels);
        String json = json(sorted);
        if (json.length() <= Columns.LABELS_JSON) {
            return json;
        }
        TreeMap<String, String> cut = new TreeMap<>();
        sorted.forEach((k, v) -> cut.put(Columns.cut(k, VALUE_CUT), Columns.cut(v, VALUE_CUT)));
        cut.put(TRUNCATED, "true");
        while (json(cut).length() > Columns.LABELS_JSON) {
            String last = cut.lastKey().equals(TRUNCATED) ? cut.lowerKey(TRUNCATED) : cut.lastKey();
            cut.remove(last);
        }
        return json(cut);
    }

    static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            // written by write() above; an unreadable value means a damaged row, shown rather than hidden
            return Map.of(TRUNCATED, "unreadable labels: " + e.getOriginalMessage());
        }
    }

    private static String json(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
