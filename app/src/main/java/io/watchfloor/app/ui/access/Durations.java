package io.watchfloor.app.ui.access;

import java.time.Duration;

/** Lifetimes in words and countdowns, as the access dialog and the terminal title show them. */
final class Durations {
    private Durations() {
    }

    /** "15 min", "1 h 30 min", "45 s". */
    static String words(Duration d) {
        if (d == null) {
            return "–";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        if (h == 0) {
            return m + " min";
        }
        return m == 0 ? h + " h" : h + " h " + m + " min";
    }

    /** "14:32", "1:02:05"; "0:00" once past. */
    static String countdown(Duration left) {
        long s = Math.max(0, (left.toMillis() + 999) / 1000);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
    }
}
