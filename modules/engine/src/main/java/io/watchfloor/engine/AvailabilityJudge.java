package io.watchfloor.engine;

import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.endpoint.AvailabilityObservation;
import java.time.Duration;
import java.util.List;

/**
 * Turns the readings of one answered poll into availability evidence for the SLA ledger. A poll that failed gives
 * no evidence at all (the gap counts as unknown, never as down), so the judge only sees answered polls.
 */
@FunctionalInterface
public interface AvailabilityJudge {
    AvailabilityJudge NONE = (source, interval, readings) -> List.of();

    /**
     * @param interval how long until the engine looks again: each observation is valid that long
     */
    List<AvailabilityObservation> judge(Source source, Duration interval, List<Reading> readings);
}
