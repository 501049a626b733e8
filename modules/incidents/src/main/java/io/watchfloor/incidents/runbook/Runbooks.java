package io.watchfloor.incidents.runbook;

import java.util.List;
import java.util.Map;

/** The runbooks a console knows. */
public interface Runbooks {
    /** Generic runbooks first, then specific ones whose match applies to {@code labels}, each once. */
    List<Runbook> forAlert(Map<String, String> labels);

    /** Generic runbooks only (incidents opened by hand without alerts). */
    List<Runbook> generic();

    /** Files that could not be read, each "FILE:LINE: what is wrong"; those runbooks are left out. */
    List<String> problems();

    List<Runbook> all();
}
