package io.watchfloor.app.ui;

import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.incidents.IncidentException;
import io.watchfloor.incidents.Incidents;
import io.watchfloor.incidents.NewIncident;
import io.watchfloor.incidents.Postmortem;
import io.watchfloor.model.incident.AlertBatch;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The desk of a console without incident handling (benchmarks, tools, contexts built before incidents existed): an
 * empty board, and every command fails with a message a person understands instead of a null pointer.
 */
public final class NoIncidents implements Incidents {
    public static final NoIncidents INSTANCE = new NoIncidents();
    public static final String MESSAGE = "incidents are not available";

    private NoIncidents() {
    }

    private static <T> CompletableFuture<T> unavailable() {
        return CompletableFuture.failedFuture(new IncidentException(IncidentException.Kind.INVALID, MESSAGE));
    }

    @Override
    public IncidentBoard board() {
        return IncidentBoard.EMPTY;
    }

    @Override
    public AutoCloseable subscribe(Consumer<IncidentBoard> listener) {
        return () -> { };
    }

    @Override
    public CompletableFuture<Void> ingest(AlertBatch batch) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> open(NewIncident request, String actor) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> acknowledge(String id, String actor) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> moveTo(String id, IncidentStatus to, String actor, String overrideReason) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> setSeverity(String id, Severity severity, String actor) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> setLead(String id, String lead, String actor) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> setStep(String id, String stepKey, boolean done, String actor) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> addNote(String id, String text, String actor) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> attachSnapshot(String id, String caption, byte[] png, String actor) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> updatePostmortem(String id, Postmortem postmortem, String actor) {
        return unavailable();
    }

    @Override
    public CompletableFuture<Incident> link(String id, List<String> hosts, List<String> endpoints, String actor) {
        return unavailable();
    }

    @Override
    public Optional<Incident> find(String id) {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> attachment(long attachmentId) {
        return Optional.empty();
    }

    @Override
    public void deliveriesChanged(List<io.watchfloor.incidents.DeliveryStatus> deliveries) {
        // nothing to publish to
    }

    @Override
    public void close() {
        // owns nothing
    }
}
