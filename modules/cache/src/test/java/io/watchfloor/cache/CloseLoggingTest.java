package io.watchfloor.cache;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static io.watchfloor.cache.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A normal close is silent. H2 logs its own errors through SLF4J (logger "h2database") when its trace goes to
 * the adapter; these tests turn that on, so an error inside H2 (such as a pooled connection rolling back on a
 * database that was already shut down) shows up here as it did in `watchfloor snapshot`.
 */
class CloseLoggingTest {
    /** H2 trace level 4: H2's messages go to SLF4J instead of a .trace.db file. */
    private static final String H2_ERRORS_TO_SLF4J = ";TRACE_LEVEL_FILE=4";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void listen() {
        events.start();
        root.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        root.detachAppender(events);
        events.stop();
    }

    private List<ILoggingEvent> errors() {
        return events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
    }

    private List<ILoggingEvent> oursAtWarn() {
        return events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .filter(e -> e.getLoggerName().startsWith("io.watchfloor")).toList();
    }

    private static String describe(List<ILoggingEvent> list) {
        return list.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getMessage())).toList().toString();
    }

    @Test
    void openRecordReadCloseLogsNoError() {
        H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, Clock.systemUTC(),
                H2_ERRORS_TO_SLF4J);
        for (int i = 0; i < 5; i++) {
            s.record(TestData.fleet(2, T0.plusSeconds(i), i));
        }
        s.recordSourceStatus(SourceStatus.pending("prom-a", "prometheus", Duration.ofSeconds(15), T0));
        assertThat(s.latest()).hasSize(16);
        assertThat(s.series(Series.key("gpu-0/gpu0", Metric.UTIL_PCT), T0, T0.plusSeconds(10)).size()).isEqualTo(5);
        s.maintain(T0.plusSeconds(600));
        s.close();
        s.close();
        // and once more with the default settings (no H2 trace at all), as the app opens it
        H2TelemetryStore again = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null);
        again.record(TestData.fleet(2, T0.plusSeconds(700), 1));
        again.close();
        assertThat(errors()).as(describe(errors())).isEmpty();
        assertThat(oursAtWarn()).as(describe(oursAtWarn())).isEmpty();
    }

    @Test
    void closeAfterACompactionOfAnEncryptedFileLogsNoError() {
        H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, "k e y".toCharArray(),
                Clock.systemUTC(), H2_ERRORS_TO_SLF4J);
        for (int i = 0; i < 120; i++) {
            s.record(TestData.fleet(2, T0.plusSeconds(i), i));
        }
        s.compactMinBytes(1);
        s.maintain(T0.plusSeconds(600)); // SHUTDOWN COMPACT and reopen
        s.record(TestData.fleet(2, T0.plusSeconds(601), 1));
        s.close();
        assertThat(errors()).as(describe(errors())).isEmpty();
        assertThat(oursAtWarn()).as(describe(oursAtWarn())).isEmpty();
    }

    /** The check above can fail: a pooled connection given back after SHUTDOWN makes H2 log the reported error. */
    @Test
    void aConnectionClosedAfterShutdownIsWhatLogsTheError() throws Exception {
        H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, Clock.systemUTC(),
                H2_ERRORS_TO_SLF4J);
        s.record(TestData.fleet(1, T0, 1));
        Connection leaked = s.connectionForTests();
        leaked.setAutoCommit(false);
        s.close();
        assertThat(oursAtWarn()).extracting(ILoggingEvent::getFormattedMessage)
                .singleElement().asString().contains("still in use at shutdown");
        // the expected error goes to this test's list only, not to the build's console
        Logger h2 = (Logger) LoggerFactory.getLogger("h2database");
        ListAppender<ILoggingEvent> h2Events = new ListAppender<>();
        h2Events.start();
        h2.addAppender(h2Events);
        h2.setAdditive(false);
        try {
            leaked.close();
        } finally {
            h2.setAdditive(true);
            h2.detachAppender(h2Events);
        }
        List<ILoggingEvent> h2Errors = h2Events.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
        assertThat(h2Errors).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getLoggerName()).isEqualTo("h2database");
            assertThat(e.getThrowableProxy().getMessage()).contains("Database is already closed");
        });
    }
}
