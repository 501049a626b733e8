package io.watchfloor.sources.nvidia;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Xid reports in kernel log text. Pure. The driver prints (nvidia.ko, os-interface / nv.c)
 * {@code NVRM: Xid (PCI:0000:3b:00): 79, pid=1234, name=python3, GPU has fallen off the bus.}; older drivers omit
 * pid and name, some print {@code pid='<unknown>'}. Lines come prefixed by {@code journalctl -k -o short-iso}
 * ({@code 2026-11-23T10:42:17+0000 gpu-01 kernel: }) or {@code dmesg --time-format iso}
 * ({@code 2026-11-23T10:42:17,123456+00:00 }), or with no time at all.
 */
public final class XidLines {
    private static final Pattern XID = Pattern.compile(
            "NVRM: Xid \\((?:PCI:)?([0-9A-Fa-f]{1,8}:[0-9A-Fa-f]{1,2}:[0-9A-Fa-f]{1,2}(?:\\.[0-7])?)\\): (\\d+)(?:,\\s*(.*))?$");
    private static final Pattern PID = Pattern.compile("^pid=(?:'?<?unknown>?'?|(\\d+))\\s*(?:,\\s*|$)");
    private static final Pattern NAME = Pattern.compile("^name=([^,]*?)\\s*(?:,\\s*|$)");
    private static final Pattern ISO_AT_START = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}))\\s");
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendLiteral(',').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    private XidLines() {
    }

    public static List<XidEvent> parse(String log) {
        List<XidEvent> events = new ArrayList<>();
        for (String line : log.lines().toList()) {
            Matcher m = XID.matcher(line.strip());
            if (!m.find()) {
                continue;
            }
            String pci = SmiValues.pciAddress(m.group(1));
            if (pci == null) {
                continue;
            }
            String rest = m.group(3) == null ? "" : m.group(3).strip();
            Long pid = null;
            String process = null;
            Matcher p = PID.matcher(rest);
            if (p.find()) {
                pid = p.group(1) == null ? null : Long.valueOf(p.group(1));
                rest = rest.substring(p.end());
                Matcher n = NAME.matcher(rest);
                if (n.find()) {
                    process = n.group(1).isBlank() || n.group(1).contains("unknown") ? null : n.group(1).strip();
                    rest = rest.substring(n.end());
                }
            }
            String text = rest.strip().replaceFirst("\\.$", "");
            events.add(new XidEvent(time(line.strip()), pci, Integer.parseInt(m.group(2)), pid, process, text));
        }
        return events;
    }

    private static Instant time(String line) {
        Matcher m = ISO_AT_START.matcher(line);
        if (!m.find()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(m.group(1), ISO).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
