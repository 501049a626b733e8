package io.watchfloor.sources.local;

import io.watchfloor.model.Flag;
import io.watchfloor.model.GpuHealth;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code nvidia-smi --query-gpu=...} output. Pure: no process, no clock.
 *
 * <p>Works with {@code --format=csv,noheader,nounits} (columns in the order queried) and with plain
 * {@code --format=csv} (a header such as {@code memory.total [MiB]} and values such as {@code 81559 MiB}):
 * when a header is present columns are found by name, so any extra or reordered fields are harmless.
 * {@code [N/A]}, {@code [Not Supported]}, {@code N/A} and blanks give no reading, never zero; that is how a
 * MIG-partitioned GPU reports its utilisation.
 */
public final class NvidiaSmiCsv {
    /** The fields Watchfloor queries, in order. */
    public static final List<String> FIELDS = List.of("index", "uuid", "name", "utilization.gpu", "memory.used",
            "memory.total", "temperature.gpu", "power.draw", "clocks.sm", "clocks_event_reasons.active");
    /** Drivers before r525 know the throttle reasons only under this name. */
    public static final String LEGACY_THROTTLE_FIELD = "clocks_throttle_reasons.active";

    /** Header names nvidia-smi prints for a queried field, where they differ from the field. */
    private static final Map<String, String> ALIASES = Map.of(
            "clocks.current.sm", "clocks.sm",
            LEGACY_THROTTLE_FIELD, "clocks_event_reasons.active",
            "gpu_uuid", "uuid",
            "gpu_name", "name");

    private static final Map<String, Metric> METRICS = Map.of(
            "utilization.gpu", Metric.UTIL_PCT,
            "memory.used", Metric.MEM_USED_MIB,
            "memory.total", Metric.MEM_TOTAL_MIB,
            "temperature.gpu", Metric.TEMP_C,
            "power.draw", Metric.POWER_W,
            "clocks.sm", Metric.SM_CLOCK_MHZ,
            "clocks_event_reasons.active", Metric.THROTTLE_REASONS);

    /** A number at the start of a value, with or without a unit after it ("97 %", "512.30 W", "59"). */
    private static final Pattern NUMBER = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s*(?:[A-Za-z%]+)?");
    private static final Pattern UNIT_SUFFIX = Pattern.compile("\\s*\\[[^]]*]$");

    private NvidiaSmiCsv() {
    }

    /** One GPU row; {@code metrics} holds only the values that had a reading. */
    public record Gpu(String index, String uuid, String name, Map<Metric, Double> metrics) {
        public Gpu {
            metrics = Map.copyOf(metrics);
        }

        /** The GPU tile, flagged THROTTLE on real slowdown and HELD_IDLE per {@code thresholds}. */
        public Reading toReading(String host, String sourceId, Instant sampledAt, Thresholds thresholds) {
            return new Reading(TileKey.gpu(host, index, uuid, null), name, sourceId, sampledAt, metrics, flags(thresholds));
        }

        Set<Flag> flags(Thresholds thresholds) {
            return GpuHealth.flags(metrics, thresholds);
        }
    }

    /**
     * @param fields the fields in the order they were queried; used only when the output has no header
     */
    public static List<Gpu> parse(String output, List<String> fields) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> first = cells(lines.getFirst());
        boolean header = first.stream().map(NvidiaSmiCsv::fieldKey).anyMatch(k -> k.equals("index") || k.equals("uuid"));
        Map<String, Integer> column = new HashMap<>();
        List<String> names = header ? first : fields;
        for (int i = 0; i < names.size(); i++) {
            column.putIfAbsent(fieldKey(names.get(i)), i);
        }
        List<Gpu> gpus = new ArrayList<>();
        for (String line : header ? lines.subList(1, lines.size()) : lines) {
            Gpu gpu = row(cells(line), column);
            if (gpu != null) {
                gpus.add(gpu);
            }
        }
        return gpus;
    }

    private static Gpu row(List<String> cells, Map<String, Integer> column) {
        String index = text(cells, column.get("index"));
        if (index == null || !index.chars().allMatch(Character::isDigit)) {
            return null; // a tile needs its index; anything else is not a GPU row (a stray message line)
        }
        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        METRICS.forEach((field, metric) -> {
            String raw = text(cells, column.get(field));
            Double v = metric == Metric.THROTTLE_REASONS ? bitmask(raw) : number(raw);
            if (v != null) {
                metrics.put(metric, v);
            }
        });
        return new Gpu(index, text(cells, column.get("uuid")), text(cells, column.get("name")), metrics);
    }

    /** nvidia-smi separates with ", " and never quotes; names and UUIDs hold no commas. */
    private static List<String> cells(String line) {
        return List.of(line.split(",", -1)).stream().map(String::strip).toList();
    }

    /** "memory.total [MiB]" and "memory.total" are the same column; old and new names map to one key. */
    static String fieldKey(String headerOrField) {
        String key = UNIT_SUFFIX.matcher(headerOrField.strip()).replaceFirst("").toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(key, key);
    }

    /** The cell's text, or null for a missing cell or an nvidia-smi "no value" marker. */
    private static String text(List<String> cells, Integer i) {
        if (i == null || i >= cells.size()) {
            return null;
        }
        String v = cells.get(i);
        if (v.isEmpty() || v.startsWith("[") || v.equalsIgnoreCase("N/A") || v.equalsIgnoreCase("Not Supported")
                || v.equalsIgnoreCase("ERR!")) {
            return null;
        }
        return v;
    }

    static Double number(String v) {
        if (v == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(v);
        return m.matches() ? Double.valueOf(m.group(1)) : null;
    }

    /** Throttle reasons come as "0x0000000000000040". */
    static Double bitmask(String v) {
        if (v == null) {
            return null;
        }
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                return (double) Long.parseUnsignedLong(v.substring(2), 16);
            }
            return (double) Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
