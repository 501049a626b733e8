package io.watchfloor.model;

/** Formats data ages for operators: "4s", "2m 05s", "3h 12m", "2d 4h". */
public final class Ages {
    private Ages() {
    }

    public static String format(double seconds) {
        long s = (long) Math.floor(Math.max(0, seconds));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd %dh", s / 86400, (s % 86400) / 3600);
    }
}
