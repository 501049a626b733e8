package io.watchfloor.app.ui.wall;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKind;
import java.util.ArrayList;
import java.util.List;

/** Text of a tile's lines. A metric without a reading shows as an en dash, never as 0. */
final class TileFormat {
    static final String NONE = "–";

    private TileFormat() {
    }

    static String title(Reading r) {
        if (r.key().kind() == TileKind.HOST) {
            return "HOST";
        }
        String t = "GPU " + r.key().gpu();
        return r.key().migInstance() == null ? t : t + " · MIG " + r.key().migInstance();
    }

    /** "H100 80GB HBM3" from "NVIDIA H100 80GB HBM3": the vendor is the same on every tile. */
    static String model(Reading r) {
        if (r.model() == null) {
            return "";
        }
        return r.model().replaceFirst("^NVIDIA ", "").replaceFirst("^Tesla ", "");
    }

    static String percent(Double v) {
        return v == null ? NONE : Math.round(v) + "";
    }

    static String memory(Reading r) {
        Double used = r.value(Metric.MEM_USED_MIB);
        Double total = r.value(Metric.MEM_TOTAL_MIB);
        if (used == null && total == null) {
            return "MEM " + NONE;
        }
        return "MEM " + gib(used) + " / " + gib(total) + " GiB";
    }

    private static String gib(Double mib) {
        if (mib == null) {
            return NONE;
        }
        double g = mib / 1024.0;
        return g >= 100 ? String.format("%.0f", g) : String.format("%.1f", g);
    }

    static String tempAndPower(Reading r) {
        Double t = r.value(Metric.TEMP_C);
        Double p = r.value(Metric.POWER_W);
        if (r.key().kind() == TileKind.HOST) {
            Double d = r.value(Metric.DISK_USED_PCT);
            return "DISK " + (d == null ? NONE : Math.round(d) + "%");
        }
        return (t == null ? NONE : Math.round(t)) + " °C   " + (p == null ? NONE : Math.round(p)) + " W";
    }

    /** A health flag as a tile shows it; {@code crit} chips are the ones that need someone now. */
    record Chip(Flag flag, String text, boolean crit) {
    }

    static List<String> flags(Reading r) {
        return chips(r).stream().map(Chip::text).toList();
    }

    static List<Chip> chips(Reading r) {
        List<Chip> out = new ArrayList<>();
        for (Flag f : r.flags()) {
            switch (f) {
                case XID -> {
                    Double x = r.value(Metric.XID_LAST);
                    out.add(new Chip(f, x == null ? "XID" : "XID " + x.intValue(), true));
                }
                case ECC -> out.add(new Chip(f, "ECC", true));
                case THROTTLE -> out.add(new Chip(f, "THROTTLED", false));
                case HELD_IDLE -> out.add(new Chip(f, "HELD IDLE", false));
                case UNREACHABLE -> out.add(new Chip(f, "UNREACHABLE", true));
                case SERVICE -> out.add(new Chip(f, "SERVICE DOWN", true));
                case DISK -> out.add(new Chip(f, "DISK FULL", false));
                case DEMO -> out.add(new Chip(f, "DEMO", false));
            }
        }
        return out;
    }

    /** The first note, the one that explains the most important flag; "" when none. */
    static String firstNote(Reading r) {
        return r.notes().isEmpty() ? "" : r.notes().get(0);
    }

    /** The unreachable note of a reading ("unreachable: connection refused ..."), else its first note. */
    static String unreachableNote(Reading r) {
        for (String n : r.notes()) {
            if (n.toLowerCase(java.util.Locale.ROOT).startsWith("unreachable")) {
                return n;
            }
        }
        return r.notes().isEmpty() ? "unreachable" : r.notes().get(0);
    }
}
