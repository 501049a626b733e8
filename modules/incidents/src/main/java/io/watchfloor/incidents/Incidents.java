package io.watchfloor.incidents;

import io.watchfloor.model.incident.AlertBatch;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The incident desk: what screens, the command line and the engine use. Every command runs on one incidents
 * thread, in order, and its future completes only once the change is durable in the file (so a screen may show
 * it as done then, and a killed process keeps it). A command that cannot be done completes exceptionally with an
 * {@link IncidentException} whose message is fit for the user; nothing is changed then.
 *
 * <p>{@code actor} is the user name recorded on the timeline.
 */
public interface Incidents extends AutoCloseable {
    /** The newest board; cheap, any thread. */
    IncidentBoard board();

    /** Calls {@code listener} with every new board, on the incidents thread (never the FX thread). */
    AutoCloseable subscribe(Consumer<IncidentBoard> listener);

    /** Takes what an alert source reports now; opens, joins and resolves. Never blocks the caller. */
    CompletableFuture<Void> ingest(AlertBatch batch);

    CompletableFuture<Incident> open(NewIncident request, String actor);

    /** Acknowledges (stops the response timer); from triage the status moves to investigating. */
    CompletableFuture<Incident> acknowledge(String id, String actor);

    /**
     * Moves the status. Leaving triage acknowledges too. Resolving with required steps open needs
     * {@code overrideReason} (recorded); otherwise REQUIRED_STEPS_OPEN names them.
     */
    CompletableFuture<Incident> moveTo(String id, IncidentStatus to, String actor, String overrideReason);

    /** Sets the severity by hand (pins it) and moves the ack deadline with it. */
    CompletableFuture<Incident> setSeverity(String id, Severity severity, String actor);

    CompletableFuture<Incident> setLead(String id, String lead, String actor);

    /** Marks a checklist step done (or not done again). */
    CompletableFuture<Incident> setStep(String id, String stepKey, boolean done, String actor);

    CompletableFuture<Incident> addNote(String id, String text, String actor);

    /** Adds a PNG (the wall at detection) to the timeline. */
    CompletableFuture<Incident> attachSnapshot(String id, String caption, byte[] png, String actor);

    CompletableFuture<Incident> updatePostmortem(String id, Postmortem postmortem, String actor);

    /** Links a host or endpoint by hand. */
    CompletableFuture<Incident> link(String id, java.util.List<String> hosts, java.util.List<String> endpoints,
                                     String actor);

    /** Any incident by id, also those older than the board shows. Reads the store; not on the FX thread. */
    Optional<Incident> find(String id);

    /** A stored attachment's bytes. Reads the store; not on the FX thread. */
    Optional<byte[]> attachment(long attachmentId);

    /** Publishes the notification channels' state with the next board. */
    void deliveriesChanged(java.util.List<DeliveryStatus> deliveries);

    @Override
    void close();
}
