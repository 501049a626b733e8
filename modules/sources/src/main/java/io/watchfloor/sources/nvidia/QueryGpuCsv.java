package io.watchfloor.sources.nvidia;

import io.watchfloor.model.Metric;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses {@code nvidia-smi --query-gpu=... --format=csv[,noheader][,nounits]}. Pure: no process, no clock.
 *
 * <p>With a header ({@code memory.total [MiB]}) columns are found by name, so extra or reordered fields are
 * harmless; without one, by the order queried. {@code [N/A]}, {@code [Not Supported]}, {@code N/A} and blanks give
 * no reading, never zero: that is how a MIG-partitioned GPU reports its utilisation.
 */
public final class QueryGpuCsv {
    /** The clocks-event reasons field from r525 on. */
    public static final String THROTTLE_FIELD = "clocks_event_reasons.active";
    /** Drivers before r525 know the throttle reasons only under this name. */
    public static final String LEGACY_THROTTLE_FIELD = "clocks_throttle_reasons.active";

    /**
     * Everything the SSH poller would like, in query order; a driver gets only those it knows
     * ({@link HelpQueryGpu#select}). Alternatives are separated by "|", the first the driver knows wins.
     */
    public static final List<String> WANTED = List.of("index", "uuid", "name", "pci.bus_id", "utilization.gpu",
            "memory.used", "memory.total", "temperature.gpu", "power.draw", "clocks.sm",
            THROTTLE_FIELD + "|" + LEGACY_THROTTLE_FIELD, "ecc.errors.uncorrected.volatile.total",
            "retired_pages.pending", "remapped_rows.pending", "remapped_rows.failure", "mig.mode.current");

    /** Header names nvidia-smi prints for a queried field, where they differ from the field. */
    private static final Map<String, String> ALIASES = Map.of(
            "clocks.current.sm", "clocks.sm",
            LEGACY_THROTTLE_FIELD, THROTTLE_FIELD,
            "gpu_uuid", "uuid",
            "gpu_name", "name",
            "gpu_bus_id", "pci.bus_id");

    private static final Map<String, Metric> NUMBERS = Map.of(
            "utilization.gpu", Metric.UTIL_PCT,
            "memory.used", Metric.MEM_USED_MIB,
            "memory.total", Metric.MEM_TOTAL_MIB,
            "temperature.gpu", Metric.TEMP_C,
            "power.draw", Metric.POWER_W,
            "clocks.sm", Metric.SM_CLOCK_MHZ,
            "ecc.errors.uncorrected.volatile.total", Metric.ECC_DBE);
    private static final Map<String, Metric> YES_NO = Map.of(
            "retired_pages.pending", Metric.RETIRED_PENDING,
            "remapped_rows.pending", Metric.REMAP_PENDING,
            "remapped_rows.failure", Metric.REMAP_FAILED);

    private static final Pattern UNIT_SUFFIX = Pattern.compile("\\s*\\[[^]]*]$");

    private QueryGpuCsv() {
    }

    /**
     * @param fields the fields in the order they were queried; used only when the output has no header
     */
    public static List<GpuRecord> parse(String output, List<String> fields) {
        Table t = Table.of(output, fields, "index", "uuid");
        List<GpuRecord> gpus = new ArrayList<>();
        for (Map<String, String> row : t.rows()) {
            String index = SmiValues.text(row.get("index"));
            if (index == null || !index.chars().allMatch(Character::isDigit)) {
                continue; // a tile needs its index; anything else is not a GPU row (a stray warning line)
            }
            Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
            put(metrics, NUMBERS, row, SmiValues::number);
            put(metrics, YES_NO, row, SmiValues::yesNo);
            Double reasons = SmiValues.bitmask(row.get(THROTTLE_FIELD));
            if (reasons != null) {
                metrics.put(Metric.THROTTLE_REASONS, reasons);
            }
            Double mig = SmiValues.yesNo(row.get("mig.mode.current"));
            gpus.add(new GpuRecord(index, SmiValues.text(row.get("uuid")), SmiValues.text(row.get("name")),
                    SmiValues.pciAddress(row.get("pci.bus_id")), mig == null ? null : mig > 0, metrics, List.of()));
        }
        return gpus;
    }

    private static void put(Map<Metric, Double> metrics, Map<String, Metric> fields, Map<String, String> row,
                            Function<String, Double> parse) {
        fields.forEach((field, metric) -> {
            Double v = parse.apply(row.get(field));
            if (v != null) {
                metrics.put(metric, v);
            }
        });
    }

    /** "memory.total [MiB]" and "memory.total" are the same column; old and new names map to one key. */
    public static String fieldKey(String headerOrField) {
        String key = UNIT_SUFFIX.matcher(headerOrField.strip()).replaceFirst("").toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(key, key);
    }

    /** nvidia-smi CSV: ", "-separated, never quoted (names, UUIDs and paths it prints hold no commas). */
    record Table(List<Map<String, String>> rows) {
        static Table of(String output, List<String> fields, String... headerMarkers) {
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                return new Table(List.of());
            }
            List<String> first = cells(lines.getFirst());
            List<String> markers = List.of(headerMarkers);
            boolean header = first.stream().map(QueryGpuCsv::fieldKey).anyMatch(markers::contains);
            List<String> names = (header ? first : fields).stream().map(QueryGpuCsv::fieldKey).toList();
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : header ? lines.subList(1, lines.size()) : lines) {
                List<String> cells = cells(line);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < names.size() && i < cells.size(); i++) {
                    row.putIfAbsent(names.get(i), cells.get(i));
                }
                rows.add(row);
            }
            return new Table(rows);
        }

        private static List<String> cells(String line) {
            return List.of(line.split(",", -1)).stream().map(String::strip).toList();
        }
    }
}
