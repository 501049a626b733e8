package io.watchfloor.sources.nvidia;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code nvidia-smi --help-query-gpu}: which fields this driver knows. An unknown field makes nvidia-smi
 * reject the whole query ("Field ... is not a valid field to query"), so the poller asks only for known ones.
 *
 * <p>The help lists each field on a line of its own, quoted, with aliases after "or":
 * {@code "clocks_event_reasons.active" or "clocks_throttle_reasons.active"}; descriptions follow on the next lines.
 */
public final class HelpQueryGpu {
    private static final Pattern FIELD_LINE = Pattern.compile("^\\s*\"[^\"]+\"(\\s+or\\s+\"[^\"]+\")*\\s*$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private HelpQueryGpu() {
    }

    /** Every field name (and alias) the driver lists. */
    public static Set<String> fields(String help) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : help.lines().toList()) {
            if (FIELD_LINE.matcher(line).matches()) {
                Matcher m = QUOTED.matcher(line);
                while (m.find()) {
                    names.add(m.group(1).strip());
                }
            }
        }
        return names;
    }

    /**
     * The wanted fields the driver knows, in order. A wanted entry may list alternatives with "|" (new name first):
     * the first known one is taken, so r525+ drivers get clocks_event_reasons and older ones clocks_throttle_reasons.
     */
    public static List<String> select(List<String> wanted, Set<String> known) {
        List<String> out = new ArrayList<>();
        for (String entry : wanted) {
            for (String alt : entry.split("\\|")) {
                if (known.contains(alt)) {
                    out.add(alt);
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    /** True when nvidia-smi refused the query for an unknown field: the field list must be learned again. */
    public static boolean rejectsField(String output) {
        return output != null && output.contains("is not a valid field");
    }
}
