package io.watchfloor.app.ui.incidents;

import io.watchfloor.app.ui.Coalescer;
import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.NoIncidents;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.incidents.Incidents;
import io.watchfloor.incidents.NewIncident;
import io.watchfloor.incidents.Postmortem;
import io.watchfloor.incidents.TimelineEntry;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident screens' state on the FX thread: the desk's newest board (coalesced: at most one hand-over per pulse),
 * the current time for the timers, and which commands are still being saved.
 *
 * <p>Every command goes to the desk; its result is handed back on the FX thread only once the desk's future completed
 * (the change is durable then), and only then do the screens show it as done. Until then its key is in
 * {@link #pending()}, so a control can show "saving…". A completed command's incident is shown at once, even if the
 * desk publishes its next board a little later. Results and boards reach the FX thread by different paths, so an
 * incident shown is never replaced by an older copy of itself (one with fewer timeline entries: timelines only grow).
 */
public final class IncidentsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentsViewModel.class);
    /** How long a command's result outranks boards that do not include it yet. */
    private static final Duration CONFIRMED_FOR = Duration.ofMinutes(1);

    private final Incidents desk;
    private final String actor;
    private final Clock clock;
    private final FxExecutor fx;
    private final Executor background;
    private final ObjectProperty<IncidentBoard> board = new SimpleObjectProperty<>(IncidentBoard.EMPTY);
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>();
    private final ObservableSet<String> pending = FXCollections.observableSet();
    /** The newest copy of every incident shown, by id: a late, older copy never replaces it. */
    private final Map<String, Incident> newest = new HashMap<>();
    /** Command results for incidents the desk's board does not list yet (just opened), with when they came. */
    private final Map<String, Confirmed> notOnBoardYet = new HashMap<>();
    private IncidentBoard fromDesk = IncidentBoard.EMPTY;
    private AutoCloseable subscription;

    private record Confirmed(Incident incident, Instant at) {
    }

    /**
     * @param background where reads that touch the store run (attachments, exports); never the FX thread
     */
    public IncidentsViewModel(Incidents desk, String actor, Clock clock, FxExecutor fx, Executor background) {
        this.desk = desk;
        this.actor = actor;
        this.clock = clock;
        this.fx = fx;
        this.background = background;
        now.set(clock.instant());
        accept(desk.board());
    }

    /** Starts following the desk's boards (the page is shown). FX thread; idempotent. */
    public void open() {
        if (subscription == null) {
            subscription = desk.subscribe(new Coalescer<>(fx, this::accept));
            accept(desk.board());
        }
    }

    /** Stops following (the page is hidden). FX thread; idempotent. */
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("could not unsubscribe the incidents page: {}", e.toString());
            }
            subscription = null;
        }
    }

    /** A board from the desk (FX thread). */
    public void accept(IncidentBoard b) {
        fromDesk = b == null ? IncidentBoard.EMPTY : b;
        publish();
    }

    /** Takes the desk's newest board and the current time now (a snapshot render, without a subscription). */
    public void reload() {
        now.set(clock.instant());
        accept(desk.board());
    }

    /** The timers move on (FX thread, once a second). */
    public void tick() {
        now.set(clock.instant());
    }

    public boolean available() {
        return !(desk instanceof NoIncidents);
    }

    public String actor() {
        return actor;
    }

    public ReadOnlyObjectProperty<IncidentBoard> boardProperty() {
        return board;
    }

    public IncidentBoard board() {
        return board.get();
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now;
    }

    public Instant now() {
        return now.get();
    }

    /** Keys of commands sent and not answered yet (see the key methods below). */
    public ObservableSet<String> pending() {
        return pending;
    }

    public Incident find(String id) {
        return id == null ? null : board.get().find(id);
    }

    // ---- commands: each returns a future completed on the FX thread once the desk answered

    public CompletableFuture<Incident> open(NewIncident request) {
        return run(OPEN, () -> desk.open(request, actor));
    }

    public CompletableFuture<Incident> acknowledge(String id) {
        return run(ack(id), () -> desk.acknowledge(id, actor));
    }

    public CompletableFuture<Incident> moveTo(String id, IncidentStatus to, String overrideReason) {
        return run(status(id), () -> desk.moveTo(id, to, actor, overrideReason));
    }

    public CompletableFuture<Incident> setSeverity(String id, Severity severity) {
        return run(severity(id), () -> desk.setSeverity(id, severity, actor));
    }

    public CompletableFuture<Incident> setLead(String id, String lead) {
        return run(lead(id), () -> desk.setLead(id, lead, actor));
    }

    public CompletableFuture<Incident> setStep(String id, String stepKey, boolean done) {
        return run(step(id, stepKey), () -> desk.setStep(id, stepKey, done, actor));
    }

    public CompletableFuture<Incident> addNote(String id, String text) {
        return run(note(id), () -> desk.addNote(id, text, actor));
    }

    public CompletableFuture<Incident> updatePostmortem(String id, Postmortem postmortem) {
        return run(postmortem(id), () -> desk.updatePostmortem(id, postmortem, actor));
    }

    /** Runs store reads or file writes off the FX thread; the result comes back on the FX thread. */
    public <T> CompletableFuture<T> offFxThread(String key, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (key != null && !pending.add(key)) {
            result.completeExceptionally(new IllegalStateException("still busy with the previous request"));
            return result;
        }
        CompletableFuture.supplyAsync(work, background).whenCompleteAsync((v, err) -> {
            if (key != null) {
                pending.remove(key);
            }
            if (err == null) {
                result.complete(v);
            } else {
                result.completeExceptionally(err);
            }
        }, fx);
        return result;
    }

    /**
     * A stored attachment (a wall snapshot PNG) decoded to at most {@code height} pixels high, read and decoded off the
     * FX thread; empty when the store has no such attachment.
     */
    public CompletableFuture<java.util.Optional<javafx.scene.image.Image>> thumbnail(long attachmentId, double height) {
        return offFxThread(null, () -> desk.attachment(attachmentId).map(bytes ->
                new javafx.scene.image.Image(new java.io.ByteArrayInputStream(bytes), 0, height, true, true)));
    }

    private CompletableFuture<Incident> run(String key, Supplier<CompletableFuture<Incident>> command) {
        CompletableFuture<Incident> result = new CompletableFuture<>();
        if (!pending.add(key)) {
            result.completeExceptionally(new IllegalStateException("the previous change is still being saved"));
            return result;
        }
        CompletableFuture<Incident> sent;
        try {
            sent = command.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenCompleteAsync((incident, err) -> {
            pending.remove(key);
            if (err != null) {
                LOG.info("incident command {} failed: {}", key, IncidentFormat.failure(err));
                result.completeExceptionally(err);
                return;
            }
            if (incident != null) {
                remember(incident);
                publish();
            }
            result.complete(incident);
        }, fx);
        return result;
    }

    private void remember(Incident i) {
        Incident seen = newest.get(i.id());
        if (seen == null || lastSeq(i) >= lastSeq(seen)) {
            newest.put(i.id(), i);
        }
        if (fromDesk.find(i.id()) == null) {
            notOnBoardYet.put(i.id(), new Confirmed(i, clock.instant()));
        }
    }

    /** The desk's board, each incident at its newest copy seen, plus results the board does not list yet. */
    private void publish() {
        List<Incident> list = new ArrayList<>(fromDesk.incidents().size() + notOnBoardYet.size());
        boolean changed = false;
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (Incident i : fromDesk.incidents()) {
            Incident seen = newest.get(i.id());
            Incident show = seen != null && lastSeq(seen) > lastSeq(i) ? seen : i;
            changed |= show != i;
            newest.put(i.id(), show);
            listed.add(i.id());
            list.add(show);
        }
        Instant cutoff = clock.instant().minus(CONFIRMED_FOR);
        for (Iterator<Confirmed> it = notOnBoardYet.values().iterator(); it.hasNext(); ) {
            Confirmed c = it.next();
            if (listed.contains(c.incident().id()) || c.at().isBefore(cutoff)) {
                it.remove();
            } else {
                list.add(0, newest.getOrDefault(c.incident().id(), c.incident()));
                listed.add(c.incident().id());
                changed = true;
            }
        }
        newest.keySet().retainAll(listed);
        board.set(!changed ? fromDesk : new IncidentBoard(fromDesk.generatedAt(), list, fromDesk.storeProblem(),
                fromDesk.runbookProblems(), fromDesk.deliveries()));
    }

    /** Timelines only grow, so the newest entry's number tells which of two copies of an incident is newer. */
    private static long lastSeq(Incident i) {
        long max = -1;
        for (TimelineEntry e : i.timeline()) {
            max = Math.max(max, e.seq());
        }
        return max;
    }

    // ---- pending keys

    public static final String OPEN = "open";

    public static String ack(String id) {
        return "ack/" + id;
    }

    public static String status(String id) {
        return "status/" + id;
    }

    public static String severity(String id) {
        return "severity/" + id;
    }

    public static String lead(String id) {
        return "lead/" + id;
    }

    public static String step(String id, String stepKey) {
        return "step/" + id + "/" + stepKey;
    }

    public static String note(String id) {
        return "note/" + id;
    }

    public static String postmortem(String id) {
        return "postmortem/" + id;
    }

    public static String export(String id) {
        return "export/" + id;
    }
}
