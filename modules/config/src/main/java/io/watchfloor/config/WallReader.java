package io.watchfloor.config;

import io.watchfloor.model.Threshold;
import io.watchfloor.model.Thresholds;
import java.time.Duration;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code wall:}; every key is optional and falls back to {@link WallConfig#DEFAULTS}. */
final class WallReader {
    static final List<String> KEYS = List.of("rotate", "staleAfter", "minTileWidth", "thresholds");
    static final List<String> THRESHOLD_KEYS = List.of("temp", "memory", "cpu", "disk", "heldIdle");
    private static final String PERCENT = "expected a percentage from 0 to 100";
    // No GPU runs at 150 °C; the cap also catches thresholds written in °F (80 °C is 176 °F).
    private static final String CELSIUS = "expected a temperature in °C from 0 to 150";

    private final NodeReader reader;

    WallReader(NodeReader reader) {
        this.reader = reader;
    }

    WallConfig read(Node node) {
        WallConfig d = WallConfig.DEFAULTS;
        Section s = Section.of(reader, node, "wall", "expected a mapping with keys such as rotate and thresholds");
        if (s == null) {
            return d;
        }
        s.rejectUnknown(reader, KEYS);
        Duration rotate = s.has("rotate") ? reader.duration(s.get("rotate"), "wall.rotate", Duration.ofSeconds(1)) : d.rotate();
        // staleAfter may be left empty on purpose: null means "three poll intervals of the tile's source"
        Duration staleAfter = NodeReader.isNull(s.get("staleAfter")) ? d.staleAfter()
                : reader.duration(s.get("staleAfter"), "wall.staleAfter", Duration.ofSeconds(1));
        Integer minTileWidth = s.has("minTileWidth") ? reader.wholeNumber(s.get("minTileWidth"), "wall.minTileWidth", 1,
                100_000, "expected a width in pixels such as 220") : (Integer) d.minTileWidth();
        Thresholds thresholds = s.has("thresholds") ? thresholds(s.get("thresholds")) : d.thresholds();
        return new WallConfig(thresholds, rotate, staleAfter, minTileWidth == null ? d.minTileWidth() : minTileWidth);
    }

    private Thresholds thresholds(Node node) {
        Thresholds d = Thresholds.DEFAULTS;
        Section s = Section.of(reader, node, "wall.thresholds",
                "expected a mapping with keys such as temp: {warn: 80, crit: 90}");
        if (s == null) {
            return d;
        }
        s.rejectUnknown(reader, THRESHOLD_KEYS);
        Threshold temp = threshold(s, "temp", d.tempC(), 150, CELSIUS);
        Threshold memory = threshold(s, "memory", d.memPct(), 100, PERCENT);
        Threshold cpu = threshold(s, "cpu", d.cpuPct(), 100, PERCENT);
        Threshold disk = threshold(s, "disk", d.diskPct(), 100, PERCENT);
        double utilBelow = d.heldIdleUtilPct();
        double memoryAbove = d.heldIdleMemPct();
        Section held = s.has("heldIdle") ? Section.of(reader, s.get("heldIdle"), "wall.thresholds.heldIdle",
                "expected a mapping such as {utilBelow: 5, memoryAbove: 10}") : null;
        if (held != null) {
            held.rejectUnknown(reader, List.of("utilBelow", "memoryAbove"));
            utilBelow = percent(held, "utilBelow", utilBelow);
            memoryAbove = percent(held, "memoryAbove", memoryAbove);
        }
        return new Thresholds(temp, memory, cpu, disk, utilBelow, memoryAbove);
    }

    /** A warn/crit pair; a missing half keeps its default, and the pair must still have warn <= crit. */
    private Threshold threshold(Section parent, String key, Threshold defaults, double max, String expected) {
        if (!parent.has(key)) {
            return defaults;
        }
        String path = parent.child(key);
        Section s = Section.of(reader, parent.get(key), path, "expected a mapping such as {warn: "
                + NodeReader.number(defaults.warn()) + ", crit: " + NodeReader.number(defaults.crit()) + "}");
        if (s == null) {
            return defaults;
        }
        s.rejectUnknown(reader, List.of("warn", "crit"));
        Double warn = s.has("warn") ? reader.number(s.get("warn"), s.child("warn"), 0, max, expected) : (Double) defaults.warn();
        Double crit = s.has("crit") ? reader.number(s.get("crit"), s.child("crit"), 0, max, expected) : (Double) defaults.crit();
        if (warn == null || crit == null) {
            return defaults;
        }
        if (warn > crit) {
            reader.report(s.node(), path, "warn (" + NodeReader.number(warn) + (s.has("warn") ? "" : ", the default")
                    + ") is above crit (" + NodeReader.number(crit) + (s.has("crit") ? "" : ", the default")
                    + "); expected warn <= crit");
            return defaults;
        }
        return new Threshold(warn, crit);
    }

    private double percent(Section s, String key, double fallback) {
        if (!s.has(key)) {
            return fallback;
        }
        Double value = reader.number(s.get(key), s.child(key), 0, 100, PERCENT);
        return value == null ? fallback : value;
    }
}
