package io.watchfloor.incidents;

import java.util.Locale;

/** Reads the ids people type: "INC-7", "inc-7" or "7". */
final class IncidentIds {
    private IncidentIds() {
    }

    /** The number, or -1 when {@code id} is not an incident id. */
    static long parse(String id) {
        if (id == null) {
            return -1;
        }
        String s = id.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("INC-")) {
            s = s.substring(4);
        }
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long n = Long.parseLong(s);
        return n > 0 ? n : -1;
    }

    static IncidentException notFound(String id) {
        long n = parse(id);
        return new IncidentException(IncidentException.Kind.NOT_FOUND, n > 0 ? "no incident " + Incident.idOf(n)
                : "no incident \"" + id + "\" (incident ids look like INC-7)");
    }
}
