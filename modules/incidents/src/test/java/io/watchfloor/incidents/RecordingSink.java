package io.watchfloor.incidents;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers the events it was given, inside the transaction and after the commit. */
final class RecordingSink implements IncidentEventSink {
    final List<IncidentEvent> recorded = new CopyOnWriteArrayList<>();
    final List<IncidentEvent> committed = new CopyOnWriteArrayList<>();

    @Override
    public void record(Connection c, IncidentEvent event) {
        recorded.add(event);
    }

    @Override
    public void committed(IncidentEvent event) {
        committed.add(event);
    }

    List<String> committedKinds() {
        return committed.stream().map(e -> e.kind() + " " + e.incident().id()).toList();
    }
}
