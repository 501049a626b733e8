package io.watchfloor.incidents;

import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.incidents.runbook.Runbooks;
import io.watchfloor.incidents.store.Columns;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What people do to an incident, on a working copy: each method checks that it may be done (throwing an
 * {@link IncidentException} with a sentence for the user) and records it on the timeline. A command that would
 * change nothing (a step ticked twice, the same lead again) changes nothing, so nothing is written.
 *
 * <p>Closed is final: a closed incident refuses every change except notes and postmortem edits, because the
 * record of what happened may still be completed after the response is over.
 */
final class IncidentCommands {
    static final int NOTE = Columns.ENTRY_TEXT;
    static final int CAPTION = 500;
    static final int SNAPSHOT_MAX_BYTES = 16 * 1024 * 1024;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final IncidentsConfig config;
    private final Runbooks runbooks;
    private final ZoneId zone;

    IncidentCommands(IncidentsConfig config, Runbooks runbooks, ZoneId zone) {
        this.config = config;
        this.runbooks = runbooks;
        this.zone = zone;
    }

    IncidentEdit open(NewIncident request, Instant now, String actor) {
        String title = TextRules.required("the title", request.title(), Columns.TITLE);
        Severity severity = request.severity() == null ? config.defaultSeverity() : request.severity();
        IncidentEdit e = IncidentEdit.fresh(UUID.randomUUID().toString(), title, severity, null, now, now,
                now.plus(config.responseSla(severity)));
        request.hosts().forEach(h -> e.addHost(TextRules.optional("a host name", h, Columns.HOST)));
        request.endpoints().forEach(p -> e.addEndpoint(TextRules.optional("an endpoint name", p, Columns.HOST)));
        var added = Checklists.add(e, runbooks.generic());
        e.entry(now, TimelineKind.OPENED, actor, "opened by hand by " + actor + " as " + severity
                + "; acknowledge by " + TextRules.time(e.ackDeadline, now, zone)
                + (added.isEmpty() ? "" : "; checklist: " + Checklists.describe(added)));
        return e;
    }

    void acknowledge(IncidentEdit e, Instant now, String actor) {
        notClosed(e, "acknowledged");
        if (e.acknowledgedAt != null) {
            throw TextRules.invalid(id(e) + " was acknowledged by " + e.acknowledgedBy + " at "
                    + TextRules.time(e.acknowledgedAt, now, zone));
        }
        ack(e, now, actor);
        if (e.status == IncidentStatus.TRIAGE) {
            status(e, IncidentStatus.INVESTIGATING, now, actor);
        }
    }

    void moveTo(IncidentEdit e, IncidentStatus to, Instant now, String actor, String overrideReason) {
        notClosed(e, "moved");
        if (e.status == to) {
            throw TextRules.invalid(id(e) + " is " + to.wireName() + " already");
        }
        if (!e.status.canMoveTo(to)) {
            throw TextRules.invalid(id(e) + " cannot go from " + e.status.wireName() + " to " + to.wireName()
                    + "; from " + e.status.wireName() + " it can go to " + e.status.next().stream()
                    .map(IncidentStatus::wireName).collect(Collectors.joining(" or ")));
        }
        List<ChecklistStep> open = e.checklist.stream().filter(s -> s.required() && !s.done()).toList();
        String reason = null;
        if (to == IncidentStatus.RESOLVED && !open.isEmpty()) {
            reason = TextRules.optional("the override reason", overrideReason, Columns.OVERRIDE);
            if (reason == null) {
                throw new IncidentException(IncidentException.Kind.REQUIRED_STEPS_OPEN, id(e) + " has "
                        + open.size() + " required " + (open.size() == 1 ? "step" : "steps") + " open: "
                        + names(open) + "; do them first, or give a reason to resolve anyway");
            }
        }
        if (e.acknowledgedAt == null) {
            ack(e, now, actor); // leaving triage is answering
        }
        if (reason != null) {
            e.resolveOverride = reason;
            e.entry(now, TimelineKind.OVERRIDE, actor, "resolved with " + open.size() + " required "
                    + (open.size() == 1 ? "step" : "steps") + " open (" + names(open) + "): " + reason);
        }
        status(e, to, now, actor);
    }

    void setSeverity(IncidentEdit e, Severity severity, Instant now, String actor) {
        notClosed(e, "changed");
        if (e.severity == severity && e.severityPinned) {
            return;
        }
        Severity was = e.severity;
        e.severity = severity;
        e.severityPinned = true;
        e.ackDeadline = e.detectedAt.plus(config.responseSla(severity));
        e.entry(now, TimelineKind.SEVERITY, actor, "severity " + was + " -> " + severity + " set by " + actor
                + " (alerts no longer change it)" + (e.acknowledgedAt == null ? "; acknowledge by "
                + TextRules.time(e.ackDeadline, now, zone) : ""));
    }

    void setLead(IncidentEdit e, String lead, Instant now, String actor) {
        notClosed(e, "changed");
        String name = TextRules.required("the lead's name", lead, Columns.USER);
        if (name.equals(e.lead)) {
            return;
        }
        String was = e.lead;
        e.lead = name;
        e.entry(now, TimelineKind.LEAD, actor, "lead: " + name + (was == null ? "" : " (was " + was + ")"));
    }

    void setStep(IncidentEdit e, String key, boolean done, Instant now, String actor) {
        notClosed(e, "changed");
        int k = -1;
        for (int i = 0; i < e.checklist.size(); i++) {
            if (e.checklist.get(i).key().equals(key)) {
                k = i;
            }
        }
        if (k < 0) {
            throw TextRules.invalid(id(e) + " has no checklist step " + key);
        }
        ChecklistStep s = e.checklist.get(k);
        if (s.done() == done) {
            return;
        }
        e.checklist.set(k, new ChecklistStep(s.key(), s.runbookId(), s.runbookTitle(), s.phase(), s.text(),
                s.required(), s.hint(), done ? now : null, done ? actor : null));
        e.entry(now, done ? TimelineKind.STEP_DONE : TimelineKind.STEP_UNDONE, actor,
                (done ? "done: " : "not done after all: ") + s.text() + " [" + s.key() + "]");
    }

    void addNote(IncidentEdit e, String text, Instant now, String actor) {
        e.entry(now, TimelineKind.NOTE, actor, TextRules.required("the note", text, NOTE));
    }

    void link(IncidentEdit e, List<String> hosts, List<String> endpoints, Instant now, String actor) {
        notClosed(e, "changed");
        List<String> added = new ArrayList<>();
        for (String h : hosts) {
            String host = TextRules.optional("a host name", h, Columns.HOST);
            if (host != null && !e.hosts.contains(host)) {
                e.addHost(host);
                added.add("host " + host);
            }
        }
        for (String p : endpoints) {
            String endpoint = TextRules.optional("an endpoint name", p, Columns.HOST);
            if (endpoint != null && !e.endpoints.contains(endpoint)) {
                e.addEndpoint(endpoint);
                added.add("endpoint " + endpoint);
            }
        }
        if (!added.isEmpty()) {
            // there is no "link" kind on the timeline; a note says it in words
            e.entry(now, TimelineKind.NOTE, actor, "linked " + String.join(", ", added));
        }
    }

    /** Checks a snapshot before it is stored; the entry is added by {@link #snapshot}. */
    void checkSnapshot(IncidentEdit e, byte[] png, String caption) {
        notClosed(e, "changed");
        if (png == null || png.length < PNG_SIGNATURE.length
                || !java.util.Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            throw TextRules.invalid("the snapshot is not a PNG image");
        }
        if (png.length > SNAPSHOT_MAX_BYTES) {
            throw TextRules.invalid("the snapshot is too large (" + png.length / (1024 * 1024) + " MiB; at most "
                    + SNAPSHOT_MAX_BYTES / (1024 * 1024) + " MiB)");
        }
        TextRules.optional("the snapshot caption", caption, CAPTION);
    }

    void snapshot(IncidentEdit e, String caption, long attachmentId, Instant now, String actor) {
        String text = Optional.ofNullable(TextRules.optional("the snapshot caption", caption, CAPTION))
                .orElse("wall snapshot");
        e.entry(now, TimelineKind.SNAPSHOT, actor, text, attachmentId);
    }

    void updatePostmortem(IncidentEdit e, Postmortem pm, Instant now, String actor) {
        List<ActionItem> items = new ArrayList<>();
        for (int k = 0; k < pm.actionItems().size(); k++) {
            ActionItem a = pm.actionItems().get(k);
            items.add(new ActionItem(TextRules.required("the text of action item " + (k + 1), a.text(),
                    Columns.ACTION_TEXT), TextRules.optional("the owner of action item " + (k + 1), a.owner(),
                    Columns.USER), a.due()));
        }
        Postmortem checked = new Postmortem(
                TextRules.longText("the summary", pm.summary(), Columns.POSTMORTEM_TEXT),
                TextRules.longText("the contributing factors", pm.contributingFactors(), Columns.POSTMORTEM_TEXT),
                TextRules.longText("the root cause", pm.rootCause(), Columns.POSTMORTEM_TEXT),
                TextRules.longText("the resolution", pm.resolution(), Columns.POSTMORTEM_TEXT), items);
        if (checked.equals(e.postmortem)) {
            return;
        }
        e.postmortem = checked;
        e.entry(now, TimelineKind.POSTMORTEM, actor, "postmortem edited");
    }

    /** Records the breach once, when an open, unacknowledged incident is past its deadline. */
    boolean recordBreach(IncidentEdit e, Instant now) {
        if (!e.status.isOpen() || e.acknowledgedAt != null || e.responseBreachedAt != null
                || !now.isAfter(e.ackDeadline)) {
            return false;
        }
        e.responseBreachedAt = e.ackDeadline;
        e.entry(now, TimelineKind.RESPONSE_BREACH, "watchfloor", "response SLA breached: " + e.severity
                + " not acknowledged within " + TextRules.duration(config.responseSla(e.severity)) + " (deadline "
                + TextRules.time(e.ackDeadline, now, zone) + ")");
        return true;
    }

    private void ack(IncidentEdit e, Instant now, String actor) {
        e.acknowledgedAt = now;
        e.acknowledgedBy = actor;
        if (e.lead == null) {
            e.lead = actor;
        }
        Duration took = Duration.between(e.detectedAt, now);
        e.entry(now, TimelineKind.ACKNOWLEDGED, actor, "acknowledged by " + actor + " after "
                + TextRules.duration(took.isNegative() ? Duration.ZERO : took)
                + (now.isAfter(e.ackDeadline) ? " (late: the deadline was " + TextRules.time(e.ackDeadline, now, zone)
                + ")" : " (within the " + e.severity + " response time)"));
    }

    private void status(IncidentEdit e, IncidentStatus to, Instant now, String actor) {
        IncidentStatus was = e.status;
        e.status = to;
        switch (to) {
            case MITIGATED -> e.mitigatedAt = now;
            case RESOLVED -> e.resolvedAt = now;
            case CLOSED -> e.closedAt = now;
            case INVESTIGATING -> {
                if (was == IncidentStatus.RESOLVED) { // reopened: the old resolution no longer counts
                    e.resolvedAt = null;
                    e.resolveOverride = null;
                } else if (was == IncidentStatus.MITIGATED) { // the fix did not hold
                    e.mitigatedAt = null;
                }
            }
            case TRIAGE -> throw new IllegalStateException("nothing moves back to triage");
        }
        e.entry(now, TimelineKind.STATUS, actor, "status: " + was.wireName() + " -> " + to.wireName()
                + (was == IncidentStatus.RESOLVED && to == IncidentStatus.INVESTIGATING ? " (reopened)" : ""));
    }

    private static void notClosed(IncidentEdit e, String verb) {
        if (e.status == IncidentStatus.CLOSED) {
            throw TextRules.invalid(id(e) + " is closed; it cannot be " + verb
                    + " any more (notes and the postmortem can still be added)");
        }
    }

    private static String names(List<ChecklistStep> steps) {
        return steps.stream().map(s -> "\"" + Columns.cut(s.text(), 80) + "\" (" + s.key() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String id(IncidentEdit e) {
        return Incident.idOf(e.number);
    }
}
