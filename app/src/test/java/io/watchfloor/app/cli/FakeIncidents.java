package io.watchfloor.app.cli;

import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.incidents.ChecklistStep;
import io.watchfloor.incidents.DeliveryStatus;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.incidents.IncidentException;
import io.watchfloor.incidents.Incidents;
import io.watchfloor.incidents.NewIncident;
import io.watchfloor.incidents.Postmortem;
import io.watchfloor.incidents.TimelineEntry;
import io.watchfloor.incidents.TimelineKind;
import io.watchfloor.model.incident.AlertBatch;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An in-memory incident desk for the command-line tests, standing in for IncidentService: the same contract
 * (futures that complete with the new incident, or fail with an {@link IncidentException} and change nothing),
 * the rules the commands depend on (acknowledge leaves triage, required steps block "resolved" without a reason,
 * validated moves), none of the storage.
 */
final class FakeIncidents implements Incidents {
    private final Clock clock;
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private long next = 1;
    private boolean closed;
    private IncidentBoard extras = IncidentBoard.EMPTY;

    FakeIncidents(Clock clock) {
        this.clock = clock;
    }

    /** Puts an incident on the desk as if it had been stored. */
    FakeIncidents with(Incident i) {
        incidents.put(i.id(), i);
        next = Math.max(next, i.number() + 1);
        return this;
    }

    /** Deliveries and problems the board reports. */
    FakeIncidents withBoardExtras(IncidentBoard b) {
        extras = b;
        return this;
    }

    /** "acknowledge INC-1 by ana", in call order: what the commands asked for. */
    List<String> calls() {
        return calls;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public IncidentBoard board() {
        List<Incident> all = new ArrayList<>(incidents.values());
        all.sort(Comparator.comparing(Incident::openedAt).reversed());
        return new IncidentBoard(clock.instant(), all, extras.storeProblem(), extras.runbookProblems(),
                extras.deliveries());
    }

    @Override
    public AutoCloseable subscribe(Consumer<IncidentBoard> listener) {
        return () -> { };
    }

    @Override
    public CompletableFuture<Void> ingest(AlertBatch batch) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Incident> open(NewIncident request, String actor) {
        calls.add("open " + request.title() + " " + request.severity() + " by " + actor);
        Instant now = clock.instant();
        Incident i = new Incident(next++, "uid-" + next, request.title(), request.severity(), true,
                IncidentStatus.TRIAGE, null, null, now, now,
                now.plus(IncidentsConfig.DEFAULTS.responseSla(request.severity())), null, null, null, null, null,
                null, null, List.of(), request.hosts(), request.endpoints(), List.of(),
                List.of(new TimelineEntry(1, now, TimelineKind.OPENED, actor, "opened by hand", null)), Postmortem.EMPTY);
        incidents.put(i.id(), i);
        return CompletableFuture.completedFuture(i);
    }

    @Override
    public CompletableFuture<Incident> acknowledge(String id, String actor) {
        calls.add("acknowledge " + id + " by " + actor);
        return change(id, i -> {
            if (i.isAcknowledged()) {
                throw new IncidentException(IncidentException.Kind.INVALID, id + " was already acknowledged by "
                        + i.acknowledgedBy());
            }
            return copy(i, clock.instant(), actor, i.status() == IncidentStatus.TRIAGE ? IncidentStatus.INVESTIGATING
                    : i.status(), i.resolvedAt(), i.resolveOverride(), i.checklist());
        });
    }

    @Override
    public CompletableFuture<Incident> moveTo(String id, IncidentStatus to, String actor, String overrideReason) {
        calls.add("move " + id + " to " + to.wireName() + " by " + actor
                + (overrideReason == null ? "" : " override " + overrideReason));
        return change(id, i -> {
            if (!i.status().canMoveTo(to)) {
                throw new IncidentException(IncidentException.Kind.INVALID, id + " cannot move from "
                        + i.status().wireName() + " to " + to.wireName());
            }
            List<ChecklistStep> open = i.openRequiredSteps();
            if (to == IncidentStatus.RESOLVED && !open.isEmpty() && overrideReason == null) {
                throw new IncidentException(IncidentException.Kind.REQUIRED_STEPS_OPEN, id + " has "
                        + open.size() + " required step(s) open: "
                        + open.stream().map(ChecklistStep::key).collect(Collectors.joining(", ")));
            }
            Instant now = clock.instant();
            return copy(i, i.isAcknowledged() ? i.acknowledgedAt() : now,
                    i.isAcknowledged() ? i.acknowledgedBy() : actor, to,
                    to == IncidentStatus.RESOLVED ? now : i.resolvedAt(),
                    to == IncidentStatus.RESOLVED && !open.isEmpty() ? overrideReason : i.resolveOverride(),
                    i.checklist());
        });
    }

    @Override
    public CompletableFuture<Incident> setSeverity(String id, Severity severity, String actor) {
        throw new UnsupportedOperationException("not used by the command line");
    }

    @Override
    public CompletableFuture<Incident> setLead(String id, String lead, String actor) {
        throw new UnsupportedOperationException("not used by the command line");
    }

    @Override
    public CompletableFuture<Incident> setStep(String id, String stepKey, boolean done, String actor) {
        calls.add("step " + id + " " + stepKey + (done ? " done" : " undone") + " by " + actor);
        return change(id, i -> {
            if (i.checklist().stream().noneMatch(s -> s.key().equals(stepKey))) {
                throw new IncidentException(IncidentException.Kind.NOT_FOUND, id + " has no step " + stepKey);
            }
            List<ChecklistStep> steps = i.checklist().stream().map(s -> !s.key().equals(stepKey) ? s
                    : new ChecklistStep(s.key(), s.runbookId(), s.runbookTitle(), s.phase(), s.text(), s.required(),
                    s.hint(), done ? clock.instant() : null, done ? actor : null)).toList();
            return copy(i, i.acknowledgedAt(), i.acknowledgedBy(), i.status(), i.resolvedAt(), i.resolveOverride(),
                    steps);
        });
    }

    @Override
    public CompletableFuture<Incident> addNote(String id, String text, String actor) {
        calls.add("note " + id + " " + text + " by " + actor);
        return change(id, i -> {
            List<TimelineEntry> t = new ArrayList<>(i.timeline());
            t.add(new TimelineEntry(t.size() + 1, clock.instant(), TimelineKind.NOTE, actor, text, null));
            return new Incident(i.number(), i.uid(), i.title(), i.severity(), i.severityPinned(), i.status(),
                    i.groupKey(), i.lead(), i.detectedAt(), i.openedAt(), i.ackDeadline(), i.acknowledgedAt(),
                    i.acknowledgedBy(), i.mitigatedAt(), i.resolvedAt(), i.closedAt(), i.responseBreachedAt(),
                    i.resolveOverride(), i.alerts(), i.hosts(), i.endpoints(), i.checklist(), t, i.postmortem());
        });
    }

    @Override
    public CompletableFuture<Incident> attachSnapshot(String id, String caption, byte[] png, String actor) {
        throw new UnsupportedOperationException("not used by the command line");
    }

    @Override
    public CompletableFuture<Incident> updatePostmortem(String id, Postmortem postmortem, String actor) {
        throw new UnsupportedOperationException("not used by the command line");
    }

    @Override
    public CompletableFuture<Incident> link(String id, List<String> hosts, List<String> endpoints, String actor) {
        throw new UnsupportedOperationException("not used by the command line");
    }

    @Override
    public Optional<Incident> find(String id) {
        return Optional.ofNullable(incidents.get(id.toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public Optional<byte[]> attachment(long attachmentId) {
        return Optional.empty();
    }

    @Override
    public void deliveriesChanged(List<DeliveryStatus> deliveries) {
    }

    @Override
    public void close() {
        closed = true;
    }

    private CompletableFuture<Incident> change(String id, UnaryOperator<Incident> f) {
        Incident i = incidents.get(id);
        if (i == null) {
            return CompletableFuture.failedFuture(new IncidentException(IncidentException.Kind.NOT_FOUND,
                    "no incident " + id));
        }
        try {
            Incident changed = f.apply(i);
            incidents.put(id, changed);
            return CompletableFuture.completedFuture(changed);
        } catch (IncidentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Incident copy(Incident i, Instant ackAt, String ackBy, IncidentStatus status, Instant resolvedAt,
                                 String override, List<ChecklistStep> steps) {
        return new Incident(i.number(), i.uid(), i.title(), i.severity(), i.severityPinned(), status, i.groupKey(),
                i.lead(), i.detectedAt(), i.openedAt(), i.ackDeadline(), ackAt, ackBy, i.mitigatedAt(), resolvedAt,
                i.closedAt(), i.responseBreachedAt(), override, i.alerts(), i.hosts(), i.endpoints(), steps,
                i.timeline(), i.postmortem());
    }
}
