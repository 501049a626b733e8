package io.watchfloor.engine;

import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.TileKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private Fixtures() {
    }

    static Reading gpu(String host, int gpu, String source, Instant at, double util) {
        return new Reading(TileKey.gpu(host, Integer.toString(gpu), null, null), "NVIDIA H100", source, at,
                Map.of(Metric.UTIL_PCT, util, Metric.TEMP_C, 50.0), Set.of());
    }

    static Reading host(String host, String source, Instant at, double cpu) {
        return new Reading(TileKey.host(host), null, source, at, Map.of(Metric.CPU_PCT, cpu), Set.of());
    }

    static ScriptedSource.Step ok(Reading... readings) {
        return () -> PollResult.of(List.of(readings));
    }

    static ScriptedSource.Step warn(String warning, Reading... readings) {
        return () -> new PollResult(List.of(readings), List.of(warning), 1);
    }

    static ScriptedSource.Step fail(SourceException.Kind kind, String message) {
        return () -> {
            throw new SourceException(kind, message);
        };
    }

    /** Blocks (interruptibly) until the latch opens, then answers with no readings. */
    static ScriptedSource.Step block(CountDownLatch gate) {
        return () -> {
            gate.await();
            return PollResult.of(List.of());
        };
    }
}
