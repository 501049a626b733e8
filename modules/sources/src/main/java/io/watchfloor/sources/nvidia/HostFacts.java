package io.watchfloor.sources.nvidia;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the host-side commands polled beside nvidia-smi: systemctl, df, /proc/loadavg, /proc/meminfo. Pure. */
public final class HostFacts {
    /** POSIX df -P: "Filesystem 1024-blocks Used Available Capacity Mounted on"; the mount may hold spaces. */
    private static final Pattern DF_ROW = Pattern.compile("^\\S.*?\\s+(\\d+|-)\\s+(\\d+|-)\\s+(\\d+|-)\\s+(\\d+)%\\s+(/.*)$");

    private HostFacts() {
    }

    /** A watched file system and how full it is. */
    public record DiskUse(String mount, double usedPct) {
    }

    /**
     * {@code systemctl is-active u1 u2} prints one state per unit, in the order asked ("active", "failed",
     * "inactive", "activating", "unknown"). Units with no line get "unknown".
     */
    public static Map<String, String> serviceStates(String output, List<String> units) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        Map<String, String> states = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            String state = i < lines.size() && lines.get(i).matches("[a-z-]+") ? lines.get(i) : "unknown";
            states.put(units.get(i), state);
        }
        return states;
    }

    /** {@code df -P -k a b}: use% per mount point; the header and error lines are skipped. */
    public static List<DiskUse> diskUse(String output) {
        List<DiskUse> out = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher m = DF_ROW.matcher(line.stripTrailing());
            if (m.matches()) {
                out.add(new DiskUse(m.group(5), Double.parseDouble(m.group(4))));
            }
        }
        return out;
    }

    /** The 1-minute load average from {@code /proc/loadavg} ("0.52 0.58 0.59 1/467 12345"). */
    public static OptionalDouble load1(String loadavg) {
        String[] parts = loadavg.strip().split("\\s+");
        try {
            return parts.length > 0 && !parts[0].isEmpty() ? OptionalDouble.of(Double.parseDouble(parts[0]))
                    : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** {@code /proc/meminfo} values in KiB by name (MemTotal, MemAvailable, ...). */
    public static Map<String, Long> meminfoKib(String meminfo) {
        Map<String, Long> out = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^([A-Za-z0-9_()]+):\\s+(\\d+)(?:\\s+kB)?\\s*$");
        for (String line : meminfo.lines().toList()) {
            Matcher m = row.matcher(line.strip());
            if (m.matches()) {
                out.put(m.group(1), Long.valueOf(m.group(2)));
            }
        }
        return out;
    }
}
