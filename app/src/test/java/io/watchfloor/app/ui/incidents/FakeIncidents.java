package io.watchfloor.app.ui.incidents;

import io.watchfloor.incidents.ChecklistStep;
import io.watchfloor.incidents.DeliveryStatus;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.incidents.IncidentException;
import io.watchfloor.incidents.Incidents;
import io.watchfloor.incidents.NewIncident;
import io.watchfloor.incidents.Postmortem;
import io.watchfloor.incidents.TimelineKind;
import io.watchfloor.model.incident.AlertBatch;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Phase;
import io.watchfloor.model.incident.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An in-memory incident desk with the documented semantics of {@link Incidents}: every command runs on one desk
 * thread, in order; a command that cannot be done fails with an {@link IncidentException} and changes nothing; a done
 * command publishes the new board to subscribers (on the desk thread, never the FX thread) and then completes its
 * future with the changed incident.
 *
 * <p>In {@link #holdCommands() hold} mode, commands wait until the test answers them ({@link #completeNext()} or
 * {@link #failNext(String)}), so a test can look at the screen while a change is still being saved.
 */
public final class FakeIncidents implements Incidents {
    private final Clock clock;
    private final ExecutorService desk = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-incidents");
        t.setDaemon(true);
        return t;
    });
    private final List<Consumer<IncidentBoard>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, Incident> incidents = new HashMap<>();
    private final Map<Long, byte[]> attachments = new HashMap<>();
    private final ConcurrentLinkedDeque<Held> held = new ConcurrentLinkedDeque<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile IncidentBoard board = IncidentBoard.EMPTY;
    private volatile boolean hold;
    private long nextAttachment = 1;

    private record Held(String what, UnaryOperator<Incident> change, long number, CompletableFuture<Incident> future,
                        NewIncident request, String actor) {
    }

    public FakeIncidents(Clock clock) {
        this.clock = clock;
    }

    // ---- test controls

    /** Adds incidents as if they had been stored before; publishes the board. */
    public FakeIncidents seed(Incident... seeded) {
        onDesk(() -> {
            for (Incident i : seeded) {
                incidents.put(i.number(), i);
            }
            publish();
            return null;
        });
        return this;
    }

    /** Stores a PNG as if a snapshot had been attached; returns its attachment id. */
    public long storeAttachment(byte[] png) {
        return onDesk(() -> {
            long id = nextAttachment++;
            attachments.put(id, png);
            return id;
        });
    }

    /** Removes every incident (the board has none open); publishes. */
    public void clear() {
        onDesk(() -> {
            incidents.clear();
            publish();
            return null;
        });
    }

    /** From now on commands wait for {@link #completeNext()} or {@link #failNext(String)}. */
    public void holdCommands() {
        hold = true;
    }

    public int heldCommands() {
        return held.size();
    }

    /** Applies the oldest held command on the desk thread, publishes, completes its future; returns its incident. */
    public Incident completeNext() {
        Held h = held.pollFirst();
        if (h == null) {
            throw new AssertionError("no command is waiting; calls so far: " + calls);
        }
        return onDesk(() -> apply(h));
    }

    /** Refuses the oldest held command as a failed write would: nothing changes, the future fails with the message. */
    public void failNext(String message) {
        Held h = held.pollFirst();
        if (h == null) {
            throw new AssertionError("no command is waiting; calls so far: " + calls);
        }
        onDesk(() -> {
            h.future().completeExceptionally(new IncidentException(IncidentException.Kind.STORE_FAILED, message));
            return null;
        });
    }

    /** Waits until every command sent so far has been handled on the desk thread (not held ones). */
    public void awaitIdle() {
        onDesk(() -> null);
    }

    /** What was asked, in order: "acknowledge INC-7 by ana", "setStep INC-7 gpu-xid/dmesg true by ana", ... */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public int subscribers() {
        return listeners.size();
    }

    // ---- the desk

    @Override
    public IncidentBoard board() {
        return board;
    }

    @Override
    public AutoCloseable subscribe(Consumer<IncidentBoard> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public CompletableFuture<Void> ingest(AlertBatch batch) {
        // alert handling is the service's; the screens never call it
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Incident> open(NewIncident request, String actor) {
        return command("open \"" + request.title() + "\" " + request.severity() + " by " + actor, 0, null, request, actor);
    }

    @Override
    public CompletableFuture<Incident> acknowledge(String id, String actor) {
        return command("acknowledge " + id + " by " + actor, number(id), i -> {
            if (i.status() == IncidentStatus.CLOSED) {
                throw new IncidentException(IncidentException.Kind.INVALID, i.id() + " is closed");
            }
            if (i.isAcknowledged()) {
                return i;
            }
            return acked(IncidentBuilder.from(i), actor).build();
        }, null, actor);
    }

    @Override
    public CompletableFuture<Incident> moveTo(String id, IncidentStatus to, String actor, String overrideReason) {
        return command("moveTo " + id + " " + to.wireName() + " by " + actor
                + (overrideReason == null ? "" : " because \"" + overrideReason + "\""), number(id), i -> {
            if (!i.status().canMoveTo(to)) {
                throw new IncidentException(IncidentException.Kind.INVALID,
                        i.id() + " cannot move from " + i.status().wireName() + " to " + to.wireName());
            }
            List<ChecklistStep> open = i.openRequiredSteps();
            boolean override = to == IncidentStatus.RESOLVED && !open.isEmpty();
            if (override && (overrideReason == null || overrideReason.isBlank())) {
                throw new IncidentException(IncidentException.Kind.REQUIRED_STEPS_OPEN, "Required steps are open: "
                        + open.stream().map(ChecklistStep::text).collect(Collectors.joining("; ")));
            }
            Instant now = clock.instant();
            IncidentBuilder b = IncidentBuilder.from(i);
            if (!i.isAcknowledged()) {
                acked(b, actor);
            }
            b.status = to;
            switch (to) {
                case MITIGATED -> b.mitigatedAt = now;
                case RESOLVED -> {
                    b.resolvedAt = now;
                    b.resolveOverride = override ? overrideReason : null;
                }
                case CLOSED -> b.closedAt = now;
                default -> { }
            }
            b.note(now, TimelineKind.STATUS, actor, i.status().wireName() + " → " + to.wireName());
            if (override) {
                b.note(now, TimelineKind.OVERRIDE, actor, "Resolved with required steps open: " + overrideReason);
            }
            return b.build();
        }, null, actor);
    }

    @Override
    public CompletableFuture<Incident> setSeverity(String id, Severity severity, String actor) {
        return command("setSeverity " + id + " " + severity + " by " + actor, number(id), i -> {
            IncidentBuilder b = IncidentBuilder.from(i);
            b.severity = severity;
            b.severityPinned = true;
            b.ackDeadline = i.detectedAt().plus(IncidentBuilder.sla(severity));
            return b.note(clock.instant(), TimelineKind.SEVERITY, actor, i.severity() + " → " + severity).build();
        }, null, actor);
    }

    @Override
    public CompletableFuture<Incident> setLead(String id, String lead, String actor) {
        return command("setLead " + id + " " + lead + " by " + actor, number(id), i ->
                IncidentBuilder.from(i).lead(lead).note(clock.instant(), TimelineKind.LEAD, actor, "Lead: " + lead).build(),
                null, actor);
    }

    @Override
    public CompletableFuture<Incident> setStep(String id, String stepKey, boolean done, String actor) {
        return command("setStep " + id + " " + stepKey + " " + done + " by " + actor, number(id), i -> {
            IncidentBuilder b = IncidentBuilder.from(i);
            int at = -1;
            for (int k = 0; k < b.checklist.size(); k++) {
                if (b.checklist.get(k).key().equals(stepKey)) {
                    at = k;
                }
            }
            if (at < 0) {
                throw new IncidentException(IncidentException.Kind.NOT_FOUND, i.id() + " has no step " + stepKey);
            }
            ChecklistStep s = b.checklist.get(at);
            Instant now = clock.instant();
            b.checklist.set(at, new ChecklistStep(s.key(), s.runbookId(), s.runbookTitle(), s.phase(), s.text(),
                    s.required(), s.hint(), done ? now : null, done ? actor : null));
            return b.note(now, done ? TimelineKind.STEP_DONE : TimelineKind.STEP_UNDONE, actor, s.text()).build();
        }, null, actor);
    }

    @Override
    public CompletableFuture<Incident> addNote(String id, String text, String actor) {
        return command("addNote " + id + " \"" + text + "\" by " + actor, number(id), i ->
                IncidentBuilder.from(i).note(clock.instant(), TimelineKind.NOTE, actor, text).build(), null, actor);
    }

    @Override
    public CompletableFuture<Incident> attachSnapshot(String id, String caption, byte[] png, String actor) {
        return command("attachSnapshot " + id + " by " + actor, number(id), i -> {
            long att = nextAttachment++;
            attachments.put(att, png);
            return IncidentBuilder.from(i).entry(clock.instant(), TimelineKind.SNAPSHOT, actor, caption, att).build();
        }, null, actor);
    }

    @Override
    public CompletableFuture<Incident> updatePostmortem(String id, Postmortem postmortem, String actor) {
        return command("updatePostmortem " + id + " by " + actor, number(id), i -> {
            IncidentBuilder b = IncidentBuilder.from(i);
            b.postmortem = postmortem;
            return b.note(clock.instant(), TimelineKind.POSTMORTEM, actor, "Postmortem updated").build();
        }, null, actor);
    }

    @Override
    public CompletableFuture<Incident> link(String id, List<String> hosts, List<String> endpoints, String actor) {
        return command("link " + id + " by " + actor, number(id), i -> {
            IncidentBuilder b = IncidentBuilder.from(i);
            hosts.stream().filter(h -> !b.hosts.contains(h)).forEach(b.hosts::add);
            endpoints.stream().filter(e -> !b.endpoints.contains(e)).forEach(b.endpoints::add);
            return b.build();
        }, null, actor);
    }

    @Override
    public Optional<Incident> find(String id) {
        return Optional.ofNullable(board.find(id));
    }

    @Override
    public Optional<byte[]> attachment(long attachmentId) {
        return Optional.ofNullable(onDesk(() -> attachments.get(attachmentId)));
    }

    @Override
    public void deliveriesChanged(List<DeliveryStatus> deliveries) {
        // not shown by these tests
    }

    @Override
    public void close() {
        desk.shutdownNow();
    }

    // ---- machinery

    private CompletableFuture<Incident> command(String what, long number, UnaryOperator<Incident> change,
                                                NewIncident request, String actor) {
        calls.add(what);
        CompletableFuture<Incident> f = new CompletableFuture<>();
        Held h = new Held(what, change, number, f, request, actor);
        if (hold) {
            held.addLast(h);
        } else {
            desk.execute(() -> apply(h));
        }
        return f;
    }

    /** On the desk thread: applies, stores, publishes, then completes (or fails and changes nothing). */
    private Incident apply(Held h) {
        try {
            Incident result;
            if (h.request() != null) {
                result = opened(h.request(), h.actor());
            } else {
                Incident current = incidents.get(h.number());
                if (current == null) {
                    throw new IncidentException(IncidentException.Kind.NOT_FOUND, "No incident " + Incident.idOf(h.number()));
                }
                result = h.change().apply(current);
            }
            incidents.put(result.number(), result);
            publish();
            h.future().complete(result);
            return result;
        } catch (IncidentException e) {
            h.future().completeExceptionally(e);
            return null;
        }
    }

    private Incident opened(NewIncident r, String actor) {
        long n = incidents.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        Instant now = clock.instant();
        IncidentBuilder b = IncidentBuilder.incident(n, r.severity(), r.title(), now);
        b.openedAt = now;
        b.timeline.clear();
        b.note(now, TimelineKind.OPENED, actor, "Opened by hand: " + r.title());
        b.hosts.addAll(r.hosts());
        b.endpoints.addAll(r.endpoints());
        b.step("generic/impact", Phase.DETECTION, "Confirm the impact", true, null);
        b.step("generic/postmortem", Phase.POSTMORTEM, "Write the postmortem", false, null);
        return b.build();
    }

    private IncidentBuilder acked(IncidentBuilder b, String actor) {
        Instant now = clock.instant();
        b.acknowledged(now, actor);
        if (b.status == IncidentStatus.TRIAGE) {
            b.status = IncidentStatus.INVESTIGATING;
        }
        return b;
    }

    private void publish() {
        List<Incident> list = new ArrayList<>(incidents.values());
        list.sort(Comparator.comparing(Incident::number).reversed());
        board = new IncidentBoard(clock.instant(), list, null, List.of(), List.of());
        for (Consumer<IncidentBoard> l : listeners) {
            l.accept(board);
        }
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id.substring(id.indexOf('-') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private <T> T onDesk(java.util.concurrent.Callable<T> work) {
        try {
            return desk.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
