package io.watchfloor.cache;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Text forms of a reading's metrics ("util_pct=97.0;temp_c=61.0") and flags ("xid,ecc"). */
final class ReadingCodec {
    private ReadingCodec() {
    }

    static String encodeMetrics(Map<Metric, Double> metrics) {
        StringBuilder sb = new StringBuilder(metrics.size() * 16);
        for (Map.Entry<Metric, Double> e : metrics.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            // Double.toString is the shortest text that parses back to the same double
            sb.append(e.getKey().wireName()).append('=').append(e.getValue().doubleValue());
        }
        return sb.toString();
    }

    /** Unknown names (from a newer version) are reported to {@code unknown} and skipped. */
    static Map<Metric, Double> decodeMetrics(String text, Consumer<String> unknown) {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                unknown.accept(part);
                continue;
            }
            try {
                out.put(Metric.fromWireName(part.substring(0, eq)), Double.parseDouble(part.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                unknown.accept(part);
            }
        }
        return out;
    }

    static String encodeFlags(Set<Flag> flags) {
        StringBuilder sb = new StringBuilder();
        for (Flag f : flags) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(f.wireName());
        }
        return sb.toString();
    }

    static Set<Flag> decodeFlags(String text, Consumer<String> unknown) {
        Set<Flag> out = EnumSet.noneOf(Flag.class);
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(",")) {
            try {
                out.add(Flag.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.accept(part);
            }
        }
        return out;
    }
}
