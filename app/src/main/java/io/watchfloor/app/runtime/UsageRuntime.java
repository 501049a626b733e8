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
    private final UsageLedger ledger;
    private final UsageRecordingStore recording;
    private final UsageReports reports;
    private final Clock clock;

    private UsageRuntime(UsageLedger ledger, UsageRecordingStore recording, UsageReports reports, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
        this.recording = recording;
        this.reports = reports;
    }

    /** Opens (and migrates) the ledger on {@code store}'s database; nothing is recorded until the engine writes. */
    public static UsageRuntime open(WatchfloorConfig config, H2TelemetryStore store, Clock clock) {
        UsageLedger ledger = UsageLedger.open(store.database(), clock);
        UsageReports reports = new ReportBuilder(ledger, store, IncidentHistory.of(store.database()), config, clock);
        return new UsageRuntime(ledger, new UsageRecordingStore(store, ledger), reports, clock);
    }

    /** The store the engine writes to: the cache, which also feeds the ledger with every batch of readings. */
    public TelemetryStore recordingStore() {
        return recording;
    }

    /** Reports over the ledger, the availability ledger and the incidents (blocking: call off the FX thread). */
    public UsageReports reports() {
        return reports;
    }

    /** Writes what the ledger still holds in memory; call before the cache closes. */
    public void flush() {
        ledger.flush(clock.instant());
    }
}
