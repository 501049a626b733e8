package io.watchfloor.app.runtime;

import io.watchfloor.access.Operator;
import io.watchfloor.config.Permission;
import io.watchfloor.incidents.DeliveryStatus;
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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The incident desk as a role sees it: without {@code ack} (the wall role) every change by a person is refused
 * with a message that says why; alerts still open and resolve incidents, and the wall's detection snapshot is still
 * attached (the console does that, not the person).
 */
public final class RoleCheckedIncidents implements Incidents {
    private final Incidents desk;
    private final Operator operator;

    private RoleCheckedIncidents(Incidents desk, Operator operator) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.operator = Objects.requireNonNull(operator, "operator");
    }

    /** The desk itself when the operator may change incidents, else the checked view of it. */
    public static Incidents of(Incidents desk, Operator operator) {
        return operator.may(Permission.ACK) ? desk : new RoleCheckedIncidents(desk, operator);
    }

    private <T> CompletableFuture<T> refused() {
        String role = operator.role() == null ? "no role" : "role " + operator.role();
        return CompletableFuture.failedFuture(new IncidentException(IncidentException.Kind.NOT_PERMITTED,
                operator.user() + " (" + role + ") may not change incidents; it may: "
                        + String.join(", ", operator.permissions().stream().map(Permission::wireName).sorted().toList())));
    }

    @Override
    public IncidentBoard board() {
        return desk.board();
    }

    @Override
    public AutoCloseable subscribe(Consumer<IncidentBoard> listener) {
        return desk.subscribe(listener);
    }

    @Override
    public CompletableFuture<Void> ingest(AlertBatch batch) {
        return desk.ingest(batch);
    }

    @Override
    public CompletableFuture<Incident> open(NewIncident request, String actor) {
        return refused();
    }

    @Override
    public CompletableFuture<Incident> acknowledge(String id, String actor) {
        return refused();
    }

    @Override
    public CompletableFuture<Incident> moveTo(String id, IncidentStatus to, String actor, String overrideReason) {
        return refused();
    }

    @Override
    public CompletableFuture<Incident> setSeverity(String id, Severity severity, String actor) {
        return refused();
    }

    @Override
    public CompletableFuture<Incident> setLead(String id, String lead, String actor) {
        return refused();
    }

    @Override
    public CompletableFuture<Incident> setStep(String id, String stepKey, boolean done, String actor) {
        return refused();
    }

    @Override
    public CompletableFuture<Incident> addNote(String id, String text, String actor) {
        return refused();
    }

    @Override
    public CompletableFuture<Incident> attachSnapshot(String id, String caption, byte[] png, String actor) {
        return desk.attachSnapshot(id, caption, png, actor);
    }

    @Override
    public CompletableFuture<Incident> updatePostmortem(String id, Postmortem postmortem, String actor) {
        return refused();
    }

    @Override
    public CompletableFuture<Incident> link(String id, List<String> hosts, List<String> endpoints, String actor) {
        return refused();
    }

    @Override
    public Optional<Incident> find(String id) {
        return desk.find(id);
    }

    @Override
    public Optional<byte[]> attachment(long attachmentId) {
        return desk.attachment(attachmentId);
    }

    @Override
    public void deliveriesChanged(List<DeliveryStatus> deliveries) {
        desk.deliveriesChanged(deliveries);
    }

    @Override
    public void close() {
        desk.close();
    }
}
