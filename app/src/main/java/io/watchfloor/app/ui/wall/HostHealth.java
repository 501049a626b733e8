package io.watchfloor.app.ui.wall;

import io.watchfloor.model.Ages;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileState;
import java.time.Duration;
import java.time.Instant;

/** What a host group says about the host as a whole: whether it could be polled, and since when not. */
final class HostHealth {
    private HostHealth() {
    }

    /**
     * @param age  "last good data 2m 20s ago" (the age goes first: a long note is cut at the end, not the age)
     * @param note "unreachable: connection refused by 10.0.0.11:22 through bastion"
     */
    record Unreachable(String age, String note) {
        /** "last good data 2m 20s ago · connection refused by 10.0.0.11:22 through bastion" (the badge says the rest). */
        String text() {
            return age + " · " + note.replaceFirst("(?i)^unreachable:\\s*", "");
        }

        String full() {
            return note + " · " + age;
        }
    }

    /** The host's unreachable state, or null when every reading of it came through. */
    static Unreachable unreachable(HostGroup group, Instant now) {
        Reading down = null;
        Instant lastGood = null;
        for (TileState t : group.tiles()) {
            Reading r = t.reading();
            if (r.flags().contains(Flag.UNREACHABLE)) {
                if (down == null) {
                    down = r;
                }
            } else if (lastGood == null || r.sampledAt().isAfter(lastGood)) {
                lastGood = r.sampledAt();
            }
        }
        if (down == null) {
            return null;
        }
        String age = lastGood == null
                ? "no good data yet"
                : "last good data " + Ages.format(Math.max(0, Duration.between(lastGood, now).toMillis() / 1000.0)) + " ago";
        return new Unreachable(age, TileFormat.unreachableNote(down));
    }
}
