package io.watchfloor.incidents;

import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.incidents.runbook.Runbook;
import io.watchfloor.incidents.runbook.Runbooks;
import io.watchfloor.incidents.store.Columns;
import io.watchfloor.incidents.store.IncidentStore;
import io.watchfloor.model.incident.Alert;
import io.watchfloor.model.incident.AlertBatch;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one alert source's batch into incident changes: opens incidents for new firing groups, joins alerts to
 * the open incident of their group, follows linked alerts (firing, suppressed, resolved) and raises severity.
 * Pure: it reads the incidents it is given and returns new versions; nothing is written here.
 *
 * <p>Rules beyond the obvious:
 * <ul>
 *   <li>A linked alert belongs to the source that first reported it; only that source's batches change it, so
 *       two Alertmanagers of an HA pair reporting one fingerprint do not fight, and a batch of one source never
 *       resolves another's alerts.</li>
 *   <li>A still-firing alert of the same firing (same fingerprint and startsAt) as one linked to a resolved or
 *       closed incident opens nothing: resolving by hand while Alertmanager still reports the alert for a few
 *       polls must not open a twin at once. A new firing (a new startsAt) opens a new incident.</li>
 *   <li>{@code lastSeenAt} moves in steps of {@link #LAST_SEEN_STEP}: a poll every 5 s that changes nothing
 *       else writes nothing.</li>
 *   <li>Severity is only ever raised by alerts, never lowered, and not at all once a person set it.</li>
 * </ul>
 */
final class AlertIntake {
    static final Duration LAST_SEEN_STEP = Duration.ofMinutes(1);

    private final IncidentsConfig config;
    private final Runbooks runbooks;
    private final AlertGroups groups;
    private final ZoneId zone;

    AlertIntake(IncidentsConfig config, Runbooks runbooks, ZoneId zone) {
        this.config = config;
        this.runbooks = runbooks;
        this.groups = new AlertGroups(config.groupBy());
        this.zone = zone;
    }

    static String actorOf(String sourceId) {
        return "alertmanager:" + sourceId;
    }

    List<Change> plan(AlertBatch batch, Collection<Incident> known, Instant now) {
        return new Pass(batch, known, now).run();
    }

    /** One batch's work: the incidents it touched, as working copies. */
    private final class Pass {
        private final AlertBatch batch;
        private final Instant at;
        private final Instant now;
        private final String actor;
        private final Map<Long, Incident> known = new LinkedHashMap<>();
        private final Map<Long, IncidentEdit> edits = new LinkedHashMap<>();
        private final List<IncidentEdit> opened = new ArrayList<>();

        Pass(AlertBatch batch, Collection<Incident> incidents, Instant now) {
            this.batch = batch;
            this.at = batch.receivedAt().truncatedTo(ChronoUnit.MILLIS);
            this.now = now;
            this.actor = actorOf(batch.sourceId());
            incidents.stream().sorted(Comparator.comparingLong(Incident::number)).forEach(i -> known.put(i.number(), i));
        }

        List<Change> run() {
            Map<String, Alert> reported = new LinkedHashMap<>();
            batch.alerts().forEach(a -> reported.put(a.fingerprint(), toMillis(a)));
            Map<String, Long> openByFingerprint = new HashMap<>();
            Map<String, Long> pastFirings = new HashMap<>();
            for (Incident i : known.values()) {
                for (LinkedAlert a : i.alerts()) {
                    if (i.status().isOpen()) {
                        openByFingerprint.put(a.fingerprint(), i.number()); // the newest wins: numbers ascend
                    } else {
                        pastFirings.put(firing(a.fingerprint(), a.startsAt()), i.number());
                    }
                }
            }
            Map<String, List<Alert>> newGroups = new LinkedHashMap<>();
            for (Alert alert : reported.values()) {
                AlertState state = effectiveState(alert);
                Long open = openByFingerprint.get(alert.fingerprint());
                Long past = pastFirings.get(firing(alert.fingerprint(), alert.startsAt()));
                if (open != null) {
                    follow(open, alert, state);
                } else if (past != null) {
                    if (known.get(past).status() != IncidentStatus.CLOSED) {
                        follow(past, alert, state);
                    }
                } else if (state == AlertState.ACTIVE) {
                    newGroups.computeIfAbsent(groups.groupOf(alert.labels(), alert.fingerprint()).key(),
                            k -> new ArrayList<>()).add(alert);
                }
            }
            resolveMissing(reported);
            newGroups.forEach(this::joinOrOpen);

            List<Change> changes = new ArrayList<>();
            edits.forEach((n, e) -> {
                Incident after = e.build();
                if (!after.equals(known.get(n))) {
                    changes.add(new Change(known.get(n), after));
                }
            });
            opened.forEach(e -> changes.add(new Change(null, e.build())));
            return changes;
        }

        private String firing(String fingerprint, Instant startsAt) {
            return fingerprint + "@" + startsAt.toEpochMilli();
        }

        /** RESOLVED also when the sender's end time has passed without a renewal. */
        private AlertState effectiveState(Alert a) {
            return a.endsAt() != null && !a.endsAt().isAfter(at) ? AlertState.RESOLVED : a.state();
        }

        private IncidentEdit edit(long number) {
            return edits.computeIfAbsent(number, n -> IncidentEdit.of(known.get(n)));
        }

        /** A reported alert that is linked already: follow its state. */
        private void follow(long number, Alert alert, AlertState state) {
            IncidentEdit e = edit(number);
            int k = indexOf(e, alert.fingerprint());
            LinkedAlert was = e.alerts.get(k);
            if (!was.sourceId().equals(batch.sourceId())) {
                return; // another source's alert (see the class comment)
            }
            boolean refired = state == AlertState.ACTIVE && was.state() == AlertState.ACTIVE
                    && !was.startsAt().equals(alert.startsAt()); // resolved and fired again between two polls
            if (state == was.state() && !refired) {
                if (!at.isBefore(was.lastSeenAt().plus(LAST_SEEN_STEP))) {
                    e.alerts.set(k, with(was, state, was.startsAt(), at, was.resolvedAt()));
                }
                return;
            }
            String what = AlertGroups.describe(alert);
            switch (state) {
                case ACTIVE -> {
                    e.alerts.set(k, with(was, state, alert.startsAt(), at, null));
                    String how = was.state().isSuppressed() ? " no longer " + was.state().wireName() + ", firing"
                            : " firing again";
                    e.entry(now, TimelineKind.ALERT_FIRING, actor, what + how + since(alert) + summary(alert));
                    if (e.status.isOpen()) {
                        raiseSeverity(e, alert);
                    }
                }
                case SILENCED, INHIBITED -> {
                    e.alerts.set(k, with(was, state, alert.startsAt(), at, null));
                    e.entry(now, TimelineKind.ALERT_SUPPRESSED, actor, what + " " + state.wireName()
                            + " in " + batch.sourceId());
                }
                case RESOLVED -> resolve(e, k, true);
            }
        }

        private void resolveMissing(Map<String, Alert> reported) {
            for (Incident i : known.values()) {
                if (i.status() == IncidentStatus.CLOSED) {
                    continue;
                }
                for (LinkedAlert a : i.alerts()) {
                    if (a.state() == AlertState.RESOLVED || !a.sourceId().equals(batch.sourceId())) {
                        continue;
                    }
                    Alert now = reported.get(a.fingerprint());
                    boolean gone = now == null || (!i.status().isOpen() && !now.startsAt().equals(a.startsAt()));
                    if (gone) {
                        IncidentEdit e = edit(i.number());
                        resolve(e, indexOf(e, a.fingerprint()), false);
                    }
                }
            }
        }

        /** {@code reported}: the source said RESOLVED (else the alert is gone from its list). */
        private void resolve(IncidentEdit e, int k, boolean reported) {
            LinkedAlert was = e.alerts.get(k);
            e.alerts.set(k, with(was, AlertState.RESOLVED, was.startsAt(), reported ? at : was.lastSeenAt(), at));
            String host = AlertGroups.hostOf(was.labels());
            e.entry(now, TimelineKind.ALERT_RESOLVED, actor, was.alertname() + (host == null ? "" : " on " + host)
                    + (reported ? " resolved" : " resolved (no longer reported by " + batch.sourceId() + ")"));
        }

        private void joinOrOpen(String groupKey, List<Alert> alerts) {
            alerts.sort(Comparator.comparing(Alert::startsAt).thenComparing(Alert::fingerprint));
            IncidentEdit target = null;
            for (Incident i : known.values()) {
                if (i.status().isOpen() && groupKey.equals(i.groupKey())) {
                    target = edit(i.number()); // the newest open one of the group (numbers ascend)
                }
            }
            if (target == null) {
                open(groupKey, alerts);
                return;
            }
            for (Alert a : alerts) {
                link(target, a);
                target.entry(now, TimelineKind.ALERT_FIRING, actor, AlertGroups.describe(a) + " firing" + since(a)
                        + summary(a));
                List<Runbook> added = Checklists.add(target, runbooks.forAlert(a.labels()));
                if (!added.isEmpty()) {
                    target.entry(now, TimelineKind.CHECKLIST_ADDED, actor, "checklist: added "
                            + Checklists.describe(added) + " for " + a.alertname());
                }
                raiseSeverity(target, a);
            }
        }

        private void open(String groupKey, List<Alert> alerts) {
            Alert first = alerts.get(0);
            Severity severity = alerts.stream().map(a -> config.severityOf(a.labels()))
                    .min(Comparator.naturalOrder()).orElseThrow();
            Instant earliest = first.startsAt().isAfter(now) ? now : first.startsAt();
            IncidentEdit e = IncidentEdit.fresh(UUID.randomUUID().toString(),
                    AlertGroups.titleOf(first, groups.groupOf(first.labels(), first.fingerprint())), severity,
                    groupKey, earliest, now, earliest.plus(config.responseSla(severity)));
            List<Runbook> books = new ArrayList<>();
            for (Alert a : alerts) {
                link(e, a);
                books.addAll(runbooks.forAlert(a.labels()));
            }
            List<Runbook> added = Checklists.add(e, books);
            e.entry(now, TimelineKind.OPENED, actor, "opened from " + alerts.size()
                    + (alerts.size() == 1 ? " alert" : " alerts") + " of " + groupKey + " as " + severity
                    + "; acknowledge by " + TextRules.time(e.ackDeadline, now, zone)
                    + (added.isEmpty() ? "" : "; checklist: " + Checklists.describe(added)));
            for (Alert a : alerts) {
                e.entry(now, TimelineKind.ALERT_FIRING, actor, AlertGroups.describe(a) + " firing" + since(a)
                        + summary(a));
            }
            opened.add(e);
        }

        private void link(IncidentEdit e, Alert a) {
            String summary = a.summary();
            e.alerts.add(new LinkedAlert(Columns.cut(a.fingerprint(), Columns.FINGERPRINT), batch.sourceId(),
                    Columns.cut(a.alertname(), Columns.ALERTNAME), IncidentStore.storable(a.labels()),
                    summary == null ? null : Columns.cut(summary, Columns.SUMMARY), AlertState.ACTIVE,
                    a.startsAt(), at, null));
            e.addHost(AlertGroups.hostOf(a.labels()));
            e.addEndpoint(AlertGroups.endpointOf(a.labels()));
        }

        private void raiseSeverity(IncidentEdit e, Alert a) {
            Severity s = config.severityOf(a.labels());
            if (e.severityPinned || !s.outranks(e.severity)) {
                return;
            }
            Severity was = e.severity;
            e.severity = s;
            e.ackDeadline = e.detectedAt.plus(config.responseSla(s));
            e.entry(now, TimelineKind.SEVERITY, actor, "severity " + was + " -> " + s + ": " + a.alertname()
                    + " is " + a.labels().getOrDefault(config.severityLabel(), "unlabelled")
                    + (e.acknowledgedAt == null ? "; acknowledge by " + TextRules.time(e.ackDeadline, now, zone) : ""));
        }

        private String since(Alert a) {
            return " since " + TextRules.timeToSecond(a.startsAt(), now, zone);
        }

        private String summary(Alert a) {
            String s = a.summary();
            return s == null || s.isBlank() ? "" : ": " + Columns.cut(s.strip(), Columns.SUMMARY);
        }
    }

    /**
     * The store keeps milliseconds; an alert's times are cut to them before any comparison, or a source that
     * reports nanoseconds would look like a new firing on every poll.
     */
    private static Alert toMillis(Alert a) {
        Instant starts = a.startsAt().truncatedTo(ChronoUnit.MILLIS);
        Instant ends = a.endsAt() == null ? null : a.endsAt().truncatedTo(ChronoUnit.MILLIS);
        if (starts.equals(a.startsAt()) && java.util.Objects.equals(ends, a.endsAt())) {
            return a;
        }
        return new Alert(a.fingerprint(), a.labels(), a.annotations(), a.state(), starts, ends, a.generatorUrl());
    }

    private static int indexOf(IncidentEdit e, String fingerprint) {
        for (int k = 0; k < e.alerts.size(); k++) {
            if (e.alerts.get(k).fingerprint().equals(fingerprint)) {
                return k;
            }
        }
        throw new IllegalStateException("alert " + fingerprint + " is not linked");
    }

    private static LinkedAlert with(LinkedAlert a, AlertState state, Instant startsAt, Instant lastSeenAt,
                                    Instant resolvedAt) {
        return new LinkedAlert(a.fingerprint(), a.sourceId(), a.alertname(), a.labels(), a.summary(), state,
                startsAt, lastSeenAt, resolvedAt);
    }
}
