package io.watchfloor.app.runtime;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.TelemetryStore;
import io.watchfloor.usage.UsageReports;
import io.watchfloor.usage.ledger.UsageLedger;
import io.watchfloor.usage.ledger.UsageRecordingStore;
import io.watchfloor.usage.report.IncidentHistory;
import io.watchfloor.usage.report.ReportBuilder;
import java.time.Clock;

/**
 * The usage side of the cache: the ledger the console feeds from what it polls, and the report builder the Usage
 * page and `watchfloor report` read it through. Both live in the cache's database, so they open on its store.
 */
public final class UsageRuntime {
    private final UsageRecordingStore recording;
    private final UsageReports reports;

    private UsageRuntime(UsageRecordingStore recording, UsageReports reports) {
        this.recording = recording;
        this.reports = reports;
    }

    /**
     * For the console: opens (and migrates) the ledger on {@code store}'s database; nothing is recorded until the
     * engine writes. A ledger that cannot be opened is logged and leaves the console running without usage reports
     * ({@link #reports()} null, the Usage page says so); telemetry is recorded as before.
     */
    public static UsageRuntime open(WatchfloorConfig config, H2TelemetryStore store, Clock clock) {
        UsageRecordingStore recording = UsageRecordingStore.wrap(store, clock);
        UsageLedger ledger = recording.ledger();
        return new UsageRuntime(recording, ledger == null ? null : builder(ledger, config, store, clock));
    }

    /** For `watchfloor report`: reports only; a ledger that cannot be opened throws, with its reason. */
    public static UsageReports reportsOnly(WatchfloorConfig config, H2TelemetryStore store, Clock clock) {
        return builder(UsageLedger.open(store.database(), clock), config, store, clock);
    }

    private static UsageReports builder(UsageLedger ledger, WatchfloorConfig config, H2TelemetryStore store,
                                        Clock clock) {
        return new ReportBuilder(ledger, store, IncidentHistory.of(store.database()), config, clock);
    }

    /** The store the engine writes to: the cache, which also feeds the ledger with every batch of readings. */
    public TelemetryStore recordingStore() {
        return recording;
    }

    /** Reports over the ledger, the availability ledger and the incidents, or null without a ledger. Blocking. */
    public UsageReports reports() {
        return reports;
    }

    /** Writes all the ledger still holds in memory, the minute in progress too; call before the cache closes. */
    public void flush() {
        recording.flushLedger();
    }
}
