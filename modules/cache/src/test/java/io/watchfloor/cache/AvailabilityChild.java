package io.watchfloor.cache;

import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityObservation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Runs in a child JVM for {@link AvailabilityCrashTest}: opens the cache with the given H2 write delay (ms) and
 * records one availability observation of {@link #ENDPOINT} per simulated second, flat out and forever, in the
 * state {@link #stateAt} says, printing "RECORDED i" after each call returned. It never closes the store.
 */
public final class AvailabilityChild {
    static final String ENDPOINT = "crash-ep";

    private AvailabilityChild() {
    }

    /** 150 s up, then 50 s down, over and over. */
    static Availability stateAt(long second) {
        return (second / 50) % 4 == 3 ? Availability.DOWN : Availability.UP;
    }

    static AvailabilityObservation observation(long second) {
        Availability state = stateAt(second);
        return new AvailabilityObservation(ENDPOINT, TestData.T0.plusSeconds(second), state, Duration.ofSeconds(1),
                state == Availability.DOWN ? "HTTP 503" : null);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String settings = ";WRITE_DELAY=" + Integer.parseInt(args[1]);
        H2TelemetryStore store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, Clock.systemUTC(),
                settings);
        for (long i = 0; ; i++) {
            store.recordAvailability(List.of(observation(i)));
            System.out.println("RECORDED " + i);
            System.out.flush();
        }
    }
}
