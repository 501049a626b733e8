package io.watchfloor.incidents;

import io.watchfloor.incidents.store.IncidentStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes incident changes as one durable transaction, with what the notification sinks record about them (the
 * outbox), and numbers new incidents inside it (MAX + 1: a failed open uses up no number).
 */
final class ChangeWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWriter.class);

    /** The work of one transaction: the changes to write, worked out on its connection if need be. */
    @FunctionalInterface
    interface Plan {
        List<Change> changes(Connection c) throws SQLException;
    }

    /** What was stored, numbered, and the events it made. */
    record Written(List<Incident> incidents, List<IncidentEvent> events) {
    }

    private final IncidentStore store;
    private final List<IncidentEventSink> sinks;
    private final AtomicLong durableWrites = new AtomicLong();

    ChangeWriter(IncidentStore store, List<IncidentEventSink> sinks) {
        this.store = store;
        this.sinks = List.copyOf(sinks);
    }

    /**
     * Runs {@code plan} and writes its changes in one transaction that is in the file when this returns. An
     * {@link IncidentException} from the plan, a failing sink or a database error rolls everything back.
     */
    Written write(String actor, Instant now, Plan plan) throws SQLException {
        List<IncidentEvent> events = new ArrayList<>();
        List<Incident> saved = store.database().durable(c -> {
            events.clear();
            List<Incident> out = new ArrayList<>();
            long last = -1;
            for (Change ch : plan.changes(c)) {
                Incident after = ch.after();
                if (ch.before() == null) {
                    last = last < 0 ? store.maxNumber(c) : last;
                    IncidentEdit numbered = IncidentEdit.of(after);
                    numbered.number = ++last;
                    after = numbered.build();
                }
                store.save(c, ch.before(), after);
                for (IncidentEvent ev : IncidentEvents.between(ch.before(), after, now, actor)) {
                    for (IncidentEventSink sink : sinks) {
                        sink.record(c, ev);
                    }
                    events.add(ev);
                }
                out.add(after);
            }
            return out;
        });
        durableWrites.incrementAndGet();
        return new Written(saved, List.copyOf(events));
    }

    /** Tells the sinks, after the commit; a sink that fails here only loses its own follow-up. */
    void committed(List<IncidentEvent> events) {
        for (IncidentEvent ev : events) {
            for (IncidentEventSink sink : sinks) {
                try {
                    sink.committed(ev);
                } catch (RuntimeException e) {
                    LOG.warn("Notification sink failed after {} of {} was saved: {}", ev.kind(), ev.incident().id(),
                            e.toString());
                }
            }
        }
    }

    long durableWrites() {
        return durableWrites.get();
    }
}
