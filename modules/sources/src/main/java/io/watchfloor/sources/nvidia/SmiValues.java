package io.watchfloor.sources.nvidia;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How nvidia-smi prints values, in CSV cells and XML elements alike. Pure. */
public final class SmiValues {
    /** A number at the start of a value, with or without a unit after it ("97 %", "512.30 W", "40 C", "59"). */
    private static final Pattern NUMBER = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s*(?:[A-Za-z%]+)?");

    private SmiValues() {
    }

    /**
     * The text, or null for nvidia-smi's "no value" markers: {@code [N/A]}, {@code [Not Supported]},
     * {@code [Unknown Error]}, {@code N/A}, {@code ERR!} and blanks. Those are no reading, never zero.
     */
    public static String text(String v) {
        if (v == null) {
            return null;
        }
        v = v.strip();
        if (v.isEmpty() || v.startsWith("[") || v.equalsIgnoreCase("N/A") || v.equalsIgnoreCase("Not Supported")
                || v.equalsIgnoreCase("ERR!") || v.equalsIgnoreCase("Unknown Error")) {
            return null;
        }
        return v;
    }

    public static Double number(String v) {
        v = text(v);
        if (v == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(v);
        return m.matches() ? Double.valueOf(m.group(1)) : null;
    }

    /** Throttle / clocks-event reasons come as "0x0000000000000040". */
    public static Double bitmask(String v) {
        v = text(v);
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

    /** "Yes"/"Enabled"/"Active" -> 1, "No"/"Disabled"/"Not Active" -> 0, anything else no reading. */
    public static Double yesNo(String v) {
        v = text(v);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "enabled", "active" -> 1.0;
            case "no", "disabled", "not active" -> 0.0;
            default -> null;
        };
    }

    /**
     * PCI address in nvidia-smi's {@code pci.bus_id} form, "00000000:3B:00.0": the kernel prints "0000:3b:00"
     * (short domain, no function), Azure VMs have hashed domains ("00001580:00:00.0"). Null when not an address.
     */
    public static String pciAddress(String v) {
        v = text(v);
        if (v == null) {
            return null;
        }
        Matcher m = Pattern.compile("(?:PCI:)?(?:([0-9A-Fa-f]{1,8}):)?([0-9A-Fa-f]{1,2}):([0-9A-Fa-f]{1,2})(?:\\.([0-7]))?")
                .matcher(v);
        if (!m.matches()) {
            return null;
        }
        String domain = m.group(1) == null ? "0" : m.group(1);
        return String.format(Locale.ROOT, "%08X:%02X:%02X.%s", Long.parseLong(domain, 16),
                Integer.parseInt(m.group(2), 16), Integer.parseInt(m.group(3), 16),
                m.group(4) == null ? "0" : m.group(4));
    }
}
