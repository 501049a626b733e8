package io.watchfloor.incidents.postmortem;

import io.watchfloor.incidents.ActionItem;
import io.watchfloor.incidents.ChecklistStep;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.LinkedAlert;
import io.watchfloor.incidents.Postmortem;
import io.watchfloor.incidents.TimelineEntry;
import io.watchfloor.incidents.TimelineKind;
import io.watchfloor.model.endpoint.AvailabilityHistory;
import io.watchfloor.model.endpoint.MaintenanceWindow;
import io.watchfloor.model.incident.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An incident as a postmortem document in Markdown (GitHub-flavoured tables), ready to paste into Confluence or
 * Jira: what people wrote (summary, contributing factors, root cause, resolution, action items) around what the
 * console recorded (impact, SLA minutes, alerts, timeline, checklist).
 *
 * <p>The output depends only on the incident, {@code now}, the ledger and the maintenance windows, so the same
 * export twice gives the same bytes. A section nobody has written yet says so instead of disappearing: the
 * reader sees the gap. All times are UTC.
 */
public final class PostmortemWriter {
    /** What an empty written section says. */
    public static final String NOT_WRITTEN = "_(not written yet)_";
    static final String SNAPSHOT_NOTE = "wall snapshot attached (PNG)";

    private final AvailabilityHistory history;
    private final List<MaintenanceWindow> maintenance;

    /**
     * @param history     the availability ledger (the cache); null when there is none, and every endpoint then
     *                    has "no SLA data"
     * @param maintenance the configured maintenance windows (their downtime is not charged)
     */
    public PostmortemWriter(AvailabilityHistory history, List<MaintenanceWindow> maintenance) {
        this.history = history;
        this.maintenance = List.copyOf(Objects.requireNonNull(maintenance, "maintenance"));
    }

    /** "INC-7-postmortem.md". */
    public static String fileName(Incident incident) {
        return incident.id() + "-postmortem.md";
    }

    /**
     * The document. Reads the ledger for SLA minutes (blocks on I/O: not on the FX thread).
     *
     * @param now the export time: the end of an ongoing incident's impact, and the "exported" line
     */
    public String render(Incident incident, Instant now) {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(now, "now");
        StringBuilder md = new StringBuilder(8192);
        header(md, incident, now);
        written(md, "Summary", incident.postmortem().summary());
        impact(md, incident, now);
        timeline(md, incident);
        Postmortem pm = incident.postmortem();
        written(md, "Contributing factors", pm.contributingFactors());
        written(md, "Root cause", pm.rootCause());
        written(md, "Resolution", pm.resolution());
        checklist(md, incident);
        actionItems(md, pm.actionItems());
        return md.toString();
    }

    private static void header(StringBuilder md, Incident i, Instant now) {
        md.append("# ").append(i.id()).append(" (").append(i.severity()).append("): ")
                .append(Markdown.inline(i.title())).append("\n\n");
        md.append("- **Status:** ").append(i.status().wireName()).append('\n');
        md.append("- **Severity:** ").append(i.severity()).append('\n');
        md.append("- **Lead:** ").append(blank(i.lead()) ? "not set" : Markdown.inline(i.lead())).append('\n');
        md.append("- **Detected:** ").append(Texts.timeUtc(i.detectedAt()));
        if (i.openedAt() != null && !i.openedAt().equals(i.detectedAt())) {
            md.append(" (incident opened ").append(Texts.timeUtc(i.openedAt())).append(')');
        }
        md.append('\n');
        md.append("- **Resolved:** ").append(i.resolvedAt() == null ? "not yet" : Texts.timeUtc(i.resolvedAt()))
                .append('\n');
        if (i.closedAt() != null) {
            md.append("- **Closed:** ").append(Texts.timeUtc(i.closedAt())).append('\n');
        }
        md.append("- **Exported:** ").append(Texts.timeUtc(now)).append(" from Watchfloor\n\n");
    }

    /** A section people write: their Markdown as they wrote it. */
    private static void written(StringBuilder md, String title, String text) {
        md.append("## ").append(title).append("\n\n");
        String t = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
        md.append(t.isEmpty() ? NOT_WRITTEN : t).append("\n\n");
    }

    private void impact(StringBuilder md, Incident i, Instant now) {
        md.append("## Impact\n\n");
        Instant end = i.resolvedAt() != null ? i.resolvedAt() : now;
        md.append("- **Duration:** ");
        if (i.resolvedAt() != null) {
            md.append(Texts.duration(Duration.between(i.detectedAt(), i.resolvedAt()))).append(" (detected ")
                    .append(Texts.timeUtc(i.detectedAt())).append(", resolved ")
                    .append(Texts.timeUtc(i.resolvedAt())).append(")\n");
        } else {
            md.append("ongoing, ").append(Texts.duration(Duration.between(i.detectedAt(), now)))
                    .append(" so far (detected ").append(Texts.timeUtc(i.detectedAt())).append(")\n");
        }
        md.append("- **Response SLA** (").append(i.severity()).append(": acknowledge within ")
                .append(Texts.duration(Duration.between(i.detectedAt(), i.ackDeadline()))).append("): ")
                .append(responseSla(i, now)).append('\n');
        md.append("- **Time to acknowledge:** ").append(elapsed(i.timeToAcknowledge()));
        if (i.timeToAcknowledge() != null && !blank(i.acknowledgedBy())) {
            md.append(" (by ").append(Markdown.inline(i.acknowledgedBy())).append(')');
        }
        md.append('\n');
        md.append("- **Time to mitigate:** ").append(elapsed(i.timeToMitigate())).append('\n');
        md.append("- **Time to resolve:** ").append(elapsed(i.timeToResolve())).append('\n');
        md.append("- **Hosts affected:** ").append(list(i.hosts())).append('\n');
        md.append("- **Endpoints affected:** ").append(list(i.endpoints())).append("\n\n");
        slaMinutes(md, i, end);
        alerts(md, i);
    }

    private static String responseSla(Incident i, Instant now) {
        return switch (i.responseState(now)) {
            case MET -> "met, acknowledged after " + Texts.duration(i.timeToAcknowledge());
            case MET_LATE -> "**breached**, acknowledged after " + Texts.duration(i.timeToAcknowledge()) + ", "
                    + Texts.duration(Duration.between(i.ackDeadline(), i.acknowledgedAt())) + " late";
            case BREACHED -> "**breached**, not acknowledged; the deadline passed at " + Texts.timeUtc(i.ackDeadline());
            case COUNTING -> "not acknowledged yet, " + Texts.duration(i.ackRemaining(now)) + " left (deadline "
                    + Texts.timeUtc(i.ackDeadline()) + ")";
        };
    }

    private void slaMinutes(StringBuilder md, Incident i, Instant end) {
        md.append("### SLA minutes consumed\n\n");
        if (i.endpoints().isEmpty()) {
            md.append("_No endpoints are linked to this incident._\n\n");
            return;
        }
        md.append("Down time of each linked endpoint from detection to ")
                .append(i.resolvedAt() != null ? "resolution" : "the export (the incident is ongoing)")
                .append(", in minutes, from the console's availability ledger. Planned maintenance is not charged;")
                .append(" time the console did not measure is never counted as down.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (String endpoint : i.endpoints()) {
            rows.add(slaRow(endpoint, i.detectedAt(), end));
        }
        Markdown.table(md, List.of("Endpoint", "SLA minutes consumed (down)", "Measured", "Not measured",
                "Maintenance"), "lrrrr", rows);
        md.append('\n');
    }

    private List<String> slaRow(String endpoint, Instant from, Instant to) {
        String name = Markdown.cell(endpoint);
        if (history == null) {
            return List.of(name, "no SLA data", "", "", "");
        }
        SlaConsumption c;
        try {
            c = SlaConsumption.compute(history, maintenance, endpoint, from, to);
        } catch (RuntimeException e) {
            return List.of(name, Markdown.cell("no SLA data (the ledger could not be read: " + e.getMessage() + ")"),
                    "", "", "");
        }
        if (!c.measured()) {
            return List.of(name, "no SLA data", "0.0", Texts.minutes(c.unknownSeconds()),
                    Texts.minutes(c.maintenanceSeconds()));
        }
        return List.of(name, Texts.minutes(c.downSeconds()), Texts.minutes(c.measuredSeconds()),
                Texts.minutes(c.unknownSeconds()), Texts.minutes(c.maintenanceSeconds()));
    }

    private static void alerts(StringBuilder md, Incident i) {
        md.append("### Alerts\n\n");
        if (i.alerts().isEmpty()) {
            md.append("_No alerts; the incident was opened by hand._\n\n");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (LinkedAlert a : i.alerts()) {
            rows.add(List.of(Markdown.cell(a.alertname()), Markdown.cell(a.fingerprint()), a.state().wireName(),
                    Texts.time(a.startsAt()), a.resolvedAt() == null ? "not yet" : Texts.time(a.resolvedAt()),
                    Markdown.cell(a.summary())));
        }
        Markdown.table(md, List.of("Alert", "Fingerprint", "State", "Fired (UTC)", "Resolved (UTC)", "Summary"),
                "llllll", rows);
        md.append('\n');
    }

    private static void timeline(StringBuilder md, Incident i) {
        md.append("## Timeline\n\n");
        if (i.timeline().isEmpty()) {
            md.append("_Nothing recorded._\n\n");
            return;
        }
        List<TimelineEntry> entries = new ArrayList<>(i.timeline());
        entries.sort(Comparator.comparingLong(TimelineEntry::seq));
        List<List<String>> rows = new ArrayList<>();
        for (TimelineEntry e : entries) {
            rows.add(List.of(Texts.time(e.at()), Markdown.cell(e.actor()), e.kind().wireName().replace('_', ' '),
                    Markdown.cell(timelineText(e))));
        }
        Markdown.table(md, List.of("Time (UTC)", "Actor", "Event", "What happened"), "llll", rows);
        md.append('\n');
    }

    private static String timelineText(TimelineEntry e) {
        if (e.kind() != TimelineKind.SNAPSHOT && e.attachmentId() == null) {
            return e.text();
        }
        return e.text().isBlank() ? SNAPSHOT_NOTE : e.text().strip() + " — " + SNAPSHOT_NOTE;
    }

    private static void checklist(StringBuilder md, Incident i) {
        md.append("## Checklist\n\n");
        if (i.checklist().isEmpty()) {
            md.append("_No checklist steps._\n\n");
            return;
        }
        List<ChecklistStep> openRequired = i.openRequiredSteps();
        md.append(i.checklistDone()).append(" of ").append(Texts.plural(i.checklistTotal(), "step")).append(" done");
        if (openRequired.isEmpty()) {
            md.append(".");
        } else {
            md.append("; **").append(Texts.plural(openRequired.size(), "required step")).append(" open**.");
        }
        md.append('\n');
        if (!blank(i.resolveOverride())) {
            md.append("\nResolved with required steps open. **Override reason:** ")
                    .append(Markdown.inline(i.resolveOverride()));
            TimelineEntry override = lastOfKind(i, TimelineKind.OVERRIDE);
            if (override != null) {
                md.append(" (").append(blank(override.actor()) ? "" : Markdown.inline(override.actor()) + ", ")
                        .append(Texts.timeUtc(override.at())).append(')');
            }
            md.append('\n');
        }
        md.append('\n');
        List<ChecklistStep> steps = new ArrayList<>(i.checklist());
        // by phase, keeping the runbook's order within a phase
        steps.sort(Comparator.comparing((ChecklistStep s) -> s.phase() == null ? Phase.POSTMORTEM : s.phase()));
        List<List<String>> rows = new ArrayList<>();
        for (ChecklistStep s : steps) {
            String status = s.done() ? "done" : s.required() ? "**OPEN (required)**" : "open";
            String runbook = blank(s.runbookTitle()) ? s.runbookId() : s.runbookTitle();
            rows.add(List.of(s.phase() == null ? "" : s.phase().title(), Markdown.cell(s.text()),
                    Markdown.cell(runbook), status, Markdown.cell(s.doneBy()), Texts.time(s.doneAt())));
        }
        Markdown.table(md, List.of("Phase", "Step", "Runbook", "Status", "Done by", "Done at (UTC)"), "llllll", rows);
        md.append('\n');
    }

    private static void actionItems(StringBuilder md, List<ActionItem> items) {
        md.append("## Action items\n\n");
        if (items.isEmpty()) {
            md.append(NOT_WRITTEN).append('\n');
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ActionItem a : items) {
            rows.add(List.of(Markdown.cell(a.text()), blank(a.owner()) ? "unassigned" : Markdown.cell(a.owner()),
                    a.due() == null ? "not set" : a.due().toString()));
        }
        Markdown.table(md, List.of("Item", "Owner", "Due"), "lll", rows);
    }

    private static TimelineEntry lastOfKind(Incident i, TimelineKind kind) {
        TimelineEntry last = null;
        for (TimelineEntry e : i.timeline()) {
            if (e.kind() == kind && (last == null || e.seq() > last.seq())) {
                last = e;
            }
        }
        return last;
    }

    private static String elapsed(Duration d) {
        return d == null ? "not yet" : Texts.duration(d);
    }

    private static String list(List<String> items) {
        if (items.isEmpty()) {
            return "none recorded";
        }
        List<String> escaped = new ArrayList<>(items.size());
        items.forEach(s -> escaped.add(Markdown.inline(s)));
        return String.join(", ", escaped);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
