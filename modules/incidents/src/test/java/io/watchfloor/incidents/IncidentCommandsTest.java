package io.watchfloor.incidents;

import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.watchfloor.incidents.Desk.await;
import static io.watchfloor.incidents.Desk.kinds;
import static io.watchfloor.incidents.IncidentException.Kind.INVALID;
import static io.watchfloor.incidents.IncidentException.Kind.NOT_FOUND;
import static io.watchfloor.incidents.IncidentException.Kind.REQUIRED_STEPS_OPEN;
import static io.watchfloor.model.incident.IncidentStatus.CLOSED;
import static io.watchfloor.model.incident.IncidentStatus.INVESTIGATING;
import static io.watchfloor.model.incident.IncidentStatus.MITIGATED;
import static io.watchfloor.model.incident.IncidentStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What people do to incidents: each change validated, timestamped, on the timeline, and refused clearly. */
class IncidentCommandsTest {
    @TempDir
    Path dir;

    private Desk d;
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void open() {
        d = new Desk(dir, TestRunbooks.standard(), io.watchfloor.config.IncidentsConfig.DEFAULTS, List.of(sink));
    }

    @AfterEach
    void close() {
        d.close();
    }

    /** INC-1: a critical GPU alert that started a minute ago (P1, 5 checklist steps, 2 of them required). */
    private Incident gpuIncident() {
        d.ingest(d.alert("x4", AlertState.ACTIVE, Duration.ofMinutes(1), "alertname", "GpuXidErrors", "host",
                "gpu-03", "severity", "critical"));
        return d.only();
    }

    private static void assertRefused(Runnable command, IncidentException.Kind kind, String message) {
        assertThatThrownBy(command::run).isInstanceOfSatisfying(IncidentException.class,
                e -> assertThat(e.kind()).isEqualTo(kind)).hasMessage(message);
    }

    @Test
    void acknowledgingStopsTheTimerTakesTheLeadAndStartsTheInvestigation() {
        gpuIncident();
        d.advance(Duration.ofMinutes(2));
        Incident i = await(d.service.acknowledge("INC-1", "ana"));

        assertThat(i.acknowledgedAt()).isEqualTo(d.clock.instant());
        assertThat(i.acknowledgedBy()).isEqualTo("ana");
        assertThat(i.lead()).isEqualTo("ana");
        assertThat(i.status()).isEqualTo(INVESTIGATING);
        assertThat(i.timeToAcknowledge()).isEqualTo(Duration.ofMinutes(3));
        assertThat(i.responseState(d.clock.instant())).isEqualTo(ResponseState.MET);
        assertThat(i.timeline().get(2).text()).isEqualTo("acknowledged by ana after 3m (within the P1 response time)");
        assertThat(i.timeline().get(3).text()).isEqualTo("status: triage -> investigating");
        assertThat(d.service.board().find("INC-1")).isEqualTo(i);
        assertThat(sink.committedKinds()).containsExactly("OPENED INC-1", "ACKNOWLEDGED INC-1");

        d.advance(Duration.ofMinutes(1));
        assertRefused(() -> await(d.service.acknowledge("inc-1", "bob")), INVALID,
                "INC-1 was acknowledged by ana at 14:02");
    }

    @Test
    void statusMovesAreValidatedAndTimestamped() {
        gpuIncident();
        assertRefused(() -> await(d.service.moveTo("INC-1", CLOSED, "ana", null)), INVALID,
                "INC-1 cannot go from triage to closed; from triage it can go to investigating or mitigated or resolved");

        d.advance(Duration.ofMinutes(4));
        Incident mitigated = await(d.service.moveTo("INC-1", MITIGATED, "ana", null));
        assertThat(mitigated.acknowledgedBy()).as("leaving triage acknowledges").isEqualTo("ana");
        assertThat(mitigated.mitigatedAt()).isEqualTo(d.clock.instant());
        assertThat(mitigated.timeToMitigate()).isEqualTo(Duration.ofMinutes(5));
        assertRefused(() -> await(d.service.moveTo("INC-1", MITIGATED, "ana", null)), INVALID,
                "INC-1 is mitigated already");

        Incident back = await(d.service.moveTo("INC-1", INVESTIGATING, "ana", null));
        assertThat(back.mitigatedAt()).as("the fix did not hold").isNull();
        assertThat(kinds(back)).endsWith(TimelineKind.ACKNOWLEDGED, TimelineKind.STATUS, TimelineKind.STATUS);
        assertThat(back.timeline().get(back.timeline().size() - 1).text())
                .isEqualTo("status: mitigated -> investigating");
    }

    @Test
    void requiredStepsBlockResolvingUnlessOverriddenWithAReason() {
        gpuIncident();
        await(d.service.acknowledge("INC-1", "ana"));
        assertRefused(() -> await(d.service.moveTo("INC-1", RESOLVED, "ana", "  ")), REQUIRED_STEPS_OPEN,
                "INC-1 has 2 required steps open: \"Confirm the alert is real\" (generic/confirm),"
                        + " \"Drain the node\" (gpu-xid/drain); do them first, or give a reason to resolve anyway");

        await(d.service.setStep("INC-1", "generic/confirm", true, "ana"));
        d.advance(Duration.ofMinutes(30));
        Incident resolved = await(d.service.moveTo("INC-1", RESOLVED, "ana", "node replaced; nothing to drain"));
        assertThat(resolved.status()).isEqualTo(RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(d.clock.instant());
        assertThat(resolved.timeToResolve()).isEqualTo(Duration.ofMinutes(31));
        assertThat(resolved.resolveOverride()).isEqualTo("node replaced; nothing to drain");
        assertThat(kinds(resolved)).endsWith(TimelineKind.OVERRIDE, TimelineKind.STATUS);
        assertThat(resolved.timeline().get(resolved.timeline().size() - 2).text()).isEqualTo(
                "resolved with 1 required step open (\"Drain the node\" (gpu-xid/drain)):"
                        + " node replaced; nothing to drain");

        Incident reopened = await(d.service.moveTo("INC-1", INVESTIGATING, "bob", null));
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.resolveOverride()).isNull();
        await(d.service.setStep("INC-1", "gpu-xid/drain", true, "bob"));
        assertThat(await(d.service.moveTo("INC-1", RESOLVED, "bob", null)).resolveOverride()).isNull();
        assertThat(sink.committedKinds()).containsExactly("OPENED INC-1", "ACKNOWLEDGED INC-1", "RESOLVED INC-1",
                "REOPENED INC-1", "RESOLVED INC-1");
    }

    @Test
    void triageStraightToResolvedIsAnAcknowledgementAndAResolution() {
        Incident opened = await(d.service.open(new NewIncident("Customer reports timeouts", Severity.P2, List.of(),
                List.of("chat-prod")), "ana"));
        await(d.service.setStep(opened.id(), "generic/confirm", true, "ana"));
        Incident resolved = await(d.service.moveTo(opened.id(), RESOLVED, "ana", null));
        assertThat(resolved.acknowledgedBy()).isEqualTo("ana");
        assertThat(sink.committedKinds()).containsExactly("OPENED INC-1", "ACKNOWLEDGED INC-1", "RESOLVED INC-1");
    }

    @Test
    void aClosedIncidentTakesOnlyNotesAndThePostmortem() {
        gpuIncident();
        await(d.service.moveTo("INC-1", RESOLVED, "ana", "false alarm"));
        await(d.service.moveTo("INC-1", CLOSED, "ana", null));
        assertThat(d.get("INC-1").closedAt()).isEqualTo(d.clock.instant());

        assertRefused(() -> await(d.service.moveTo("INC-1", INVESTIGATING, "ana", null)), INVALID,
                "INC-1 is closed; it cannot be moved any more (notes and the postmortem can still be added)");
        assertRefused(() -> await(d.service.setStep("INC-1", "gpu-xid/rma", true, "ana")), INVALID,
                "INC-1 is closed; it cannot be changed any more (notes and the postmortem can still be added)");
        assertRefused(() -> await(d.service.acknowledge("INC-1", "ana")), INVALID,
                "INC-1 is closed; it cannot be acknowledged any more (notes and the postmortem can still be added)");
        assertThat(await(d.service.addNote("INC-1", "RMA filed as #4411", "ana")).timeline())
                .last().extracting(TimelineEntry::text).isEqualTo("RMA filed as #4411");
        Incident pm = await(d.service.updatePostmortem("INC-1", new Postmortem("GPU 4 fell off the bus", "", "",
                "", List.of()), "ana"));
        assertThat(pm.postmortem().summary()).isEqualTo("GPU 4 fell off the bus");
    }

    @Test
    void settingTheSeverityPinsItAndMovesTheDeadlineFromDetection() {
        Incident i = gpuIncident();
        long writes = d.service.durableWrites();
        Incident p3 = await(d.service.setSeverity("INC-1", Severity.P3, "ana"));
        assertThat(p3.severity()).isEqualTo(Severity.P3);
        assertThat(p3.severityPinned()).isTrue();
        assertThat(p3.ackDeadline()).isEqualTo(i.detectedAt().plus(Duration.ofHours(4)));
        assertThat(p3.timeline()).last().extracting(TimelineEntry::text).isEqualTo(
                "severity P1 -> P3 set by ana (alerts no longer change it); acknowledge by 17:59");
        assertThat(await(d.service.setSeverity("INC-1", Severity.P3, "ana"))).isEqualTo(p3);
        assertThat(d.service.durableWrites()).isEqualTo(writes + 1);
        assertThat(sink.committedKinds()).containsExactly("OPENED INC-1", "SEVERITY_CHANGED INC-1");
    }

    @Test
    void stepsRecordWhoAndWhenAndTickingTwiceWritesNothing() {
        gpuIncident();
        d.advance(Duration.ofMinutes(3));
        Incident done = await(d.service.setStep("INC-1", "gpu-xid/read-xid", true, "ana"));
        ChecklistStep step = done.checklist().get(2);
        assertThat(step.doneAt()).isEqualTo(d.clock.instant());
        assertThat(step.doneBy()).isEqualTo("ana");
        assertThat(done.checklistDone()).isEqualTo(1);
        assertThat(done.timeline()).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TimelineKind.STEP_DONE);
            assertThat(e.actor()).isEqualTo("ana");
            assertThat(e.text()).isEqualTo("done: Read the Xid code from dmesg [gpu-xid/read-xid]");
        });
        long writes = d.service.durableWrites();
        assertThat(await(d.service.setStep("INC-1", "gpu-xid/read-xid", true, "bob"))).isEqualTo(done);
        assertThat(d.service.durableWrites()).isEqualTo(writes);

        Incident undone = await(d.service.setStep("INC-1", "gpu-xid/read-xid", false, "bob"));
        assertThat(undone.checklist().get(2).done()).isFalse();
        assertThat(undone.timeline()).last().extracting(TimelineEntry::kind).isEqualTo(TimelineKind.STEP_UNDONE);
        assertRefused(() -> await(d.service.setStep("INC-1", "gpu-xid/nope", true, "ana")), INVALID,
                "INC-1 has no checklist step gpu-xid/nope");
    }

    @Test
    void unknownIdsEmptyAndOverLongTextAreRefusedInWords() {
        gpuIncident();
        assertRefused(() -> await(d.service.acknowledge("INC-9", "ana")), NOT_FOUND, "no incident INC-9");
        assertRefused(() -> await(d.service.addNote("incident nine", "x", "ana")), NOT_FOUND,
                "no incident \"incident nine\" (incident ids look like INC-7)");
        assertRefused(() -> await(d.service.addNote("INC-1", " \n ", "ana")), INVALID, "the note is empty");
        assertRefused(() -> await(d.service.addNote("INC-1", "x".repeat(4001), "ana")), INVALID,
                "the note is too long (4001 characters; at most 4000)");
        assertRefused(() -> await(d.service.open(new NewIncident("t".repeat(201), Severity.P2, List.of(),
                List.of()), "ana")), INVALID, "the title is too long (201 characters; at most 200)");
        assertRefused(() -> await(d.service.setLead("INC-1", "l".repeat(101), "ana")), INVALID,
                "the lead's name is too long (101 characters; at most 100)");
        assertRefused(() -> await(d.service.updatePostmortem("INC-1", new Postmortem("", "", "r".repeat(16001), "",
                List.of()), "ana")), INVALID, "the root cause is too long (16001 characters; at most 16000)");
        assertRefused(() -> await(d.service.updatePostmortem("INC-1", new Postmortem("", "", "", "",
                List.of(new ActionItem(" ", "ana", null))), "ana")), INVALID, "the text of action item 1 is empty");
        assertThat(d.service.find("INC-9")).isEmpty();
        assertThat(d.service.find("nine")).isEmpty();
        assertThat(d.only().timeline()).hasSize(2);
    }

    @Test
    void aNoteALeadLinksAndThePostmortemLandOnTheTimeline() {
        gpuIncident();
        await(d.service.setLead("INC-1", "bob", "ana"));
        await(d.service.addNote("INC-1", "dmesg shows Xid 79 on GPU 4", "bob"));
        await(d.service.link("INC-1", List.of("gpu-03", "gpu-07"), List.of("chat-prod"), "bob"));
        Postmortem pm = new Postmortem("GPU 4 fell off the bus", "no spare capacity", "hardware fault",
                "drained and replaced", List.of(new ActionItem("Keep one spare node", "ana",
                LocalDate.parse("2026-12-01")), new ActionItem("Alert on Xid 79 earlier", null, null)));
        Incident i = await(d.service.updatePostmortem("INC-1", pm, "bob"));
        long writes = d.service.durableWrites();
        assertThat(await(d.service.updatePostmortem("INC-1", pm, "bob"))).isEqualTo(i);
        assertThat(d.service.durableWrites()).isEqualTo(writes);

        assertThat(i.lead()).isEqualTo("bob");
        assertThat(i.hosts()).containsExactly("gpu-03", "gpu-07");
        assertThat(i.endpoints()).containsExactly("chat-prod");
        assertThat(i.postmortem()).isEqualTo(pm);
        assertThat(i.timeline()).extracting(TimelineEntry::kind).endsWith(TimelineKind.LEAD, TimelineKind.NOTE,
                TimelineKind.NOTE, TimelineKind.POSTMORTEM);
        assertThat(i.timeline()).extracting(TimelineEntry::text).endsWith("lead: bob",
                "dmesg shows Xid 79 on GPU 4", "linked host gpu-07, endpoint chat-prod", "postmortem edited");
    }

    @Test
    void aSnapshotIsStoredAndReadBackByItsTimelineEntry() throws Exception {
        gpuIncident();
        BufferedImage img = new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xff0000);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);

        Incident i = await(d.service.attachSnapshot("INC-1", "wall at detection: gpu-03", png.toByteArray(), "ana"));
        TimelineEntry entry = i.timeline().get(i.timeline().size() - 1);
        assertThat(entry.kind()).isEqualTo(TimelineKind.SNAPSHOT);
        assertThat(entry.text()).isEqualTo("wall at detection: gpu-03");
        assertThat(entry.attachmentId()).isNotNull();
        assertThat(d.service.attachment(entry.attachmentId())).hasValue(png.toByteArray());
        assertThat(d.service.attachment(entry.attachmentId() + 1)).isEmpty();

        assertRefused(() -> await(d.service.attachSnapshot("INC-1", null, "not a png".getBytes(), "ana")), INVALID,
                "the snapshot is not a PNG image");
        assertThat(d.rows("incident_attachments")).isEqualTo(1);
    }

    @Test
    void anIncidentOpenedByHandGetsTheGenericChecklistAndATimerFromNow() {
        Incident i = await(d.service.open(new NewIncident("  Customer reports timeouts  ", null, List.of("gpu-01"),
                List.of("chat-prod")), "ana"));
        assertThat(i.id()).isEqualTo("INC-1");
        assertThat(i.title()).isEqualTo("Customer reports timeouts");
        assertThat(i.severity()).isEqualTo(Severity.P3); // the configured default
        assertThat(i.groupKey()).isNull();
        assertThat(i.detectedAt()).isEqualTo(d.clock.instant());
        assertThat(i.ackDeadline()).isEqualTo(d.clock.instant().plus(Duration.ofHours(4)));
        assertThat(i.hosts()).containsExactly("gpu-01");
        assertThat(i.endpoints()).containsExactly("chat-prod");
        assertThat(i.checklist()).extracting(ChecklistStep::runbookId).containsOnly("generic");
        assertThat(i.timeline()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TimelineKind.OPENED);
            assertThat(e.text()).isEqualTo("opened by hand by ana as P3; acknowledge by 18:00;"
                    + " checklist: Generic response (2 steps)");
        });
        Incident second = await(d.service.open(new NewIncident("Second", Severity.P1, List.of(), List.of()), "ana"));
        assertThat(second.id()).isEqualTo("INC-2");
        assertThat(second.uid()).isNotEqualTo(i.uid());
    }

    @Test
    void aMissedDeadlineIsRecordedOnceAndAcknowledgingLateSaysSo() {
        Incident i = gpuIncident();
        d.advance(Duration.ofMinutes(14));
        await(d.service.checkDeadlines());
        assertThat(d.only().responseBreachedAt()).isNull();

        d.advance(Duration.ofMinutes(1).plusSeconds(1));
        await(d.service.checkDeadlines());
        await(d.service.checkDeadlines());
        d.advance(Duration.ofMinutes(1));
        await(d.service.checkDeadlines());
        Incident breached = d.only();
        assertThat(breached.responseBreachedAt()).isEqualTo(i.ackDeadline());
        assertThat(breached.timeline()).filteredOn(e -> e.kind() == TimelineKind.RESPONSE_BREACH).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("watchfloor");
                    assertThat(e.text()).isEqualTo("response SLA breached: P1 not acknowledged within 15m (deadline 14:14)");
                });
        assertThat(breached.responseState(d.clock.instant())).isEqualTo(ResponseState.BREACHED);

        Incident acked = await(d.service.acknowledge("INC-1", "ana"));
        assertThat(acked.responseState(d.clock.instant())).isEqualTo(ResponseState.MET_LATE);
        assertThat(acked.timeline()).filteredOn(e -> e.kind() == TimelineKind.ACKNOWLEDGED).singleElement()
                .extracting(TimelineEntry::text).isEqualTo("acknowledged by ana after 17m (late: the deadline was 14:14)");
    }

    @Test
    void theTimerRecordsABreachOnItsOwnOnceStarted() throws Exception {
        gpuIncident();
        d.advance(Duration.ofMinutes(20));
        java.util.concurrent.CompletableFuture<IncidentBoard> breached = new java.util.concurrent.CompletableFuture<>();
        try (AutoCloseable sub = d.service.subscribe(b -> {
            if (!b.incidents().isEmpty() && b.incidents().get(0).responseBreachedAt() != null) {
                breached.complete(b);
            }
        })) {
            d.service.start();
            assertThat(breached.get(10, java.util.concurrent.TimeUnit.SECONDS).incidents().get(0).timeline())
                    .extracting(TimelineEntry::kind).contains(TimelineKind.RESPONSE_BREACH);
        }
    }

    @Test
    void theBoardListsOpenIncidentsByUrgencyThenRecentlyEndedOnesNewestFirst() {
        Instant t0 = d.clock.instant();
        await(d.service.open(new NewIncident("old P3", Severity.P3, List.of(), List.of()), "ana")); // INC-1
        d.advance(Duration.ofMinutes(1));
        await(d.service.open(new NewIncident("newer P1", Severity.P1, List.of(), List.of()), "ana")); // INC-2
        d.advance(Duration.ofMinutes(1));
        await(d.service.open(new NewIncident("older P1", Severity.P1, List.of(), List.of()), "ana")); // INC-3
        d.advance(Duration.ofMinutes(1));
        await(d.service.open(new NewIncident("ended first", Severity.P1, List.of(), List.of()), "ana")); // INC-4
        await(d.service.open(new NewIncident("ended last", Severity.P4, List.of(), List.of()), "ana")); // INC-5
        await(d.service.moveTo("INC-4", RESOLVED, "ana", "test"));
        d.advance(Duration.ofMinutes(1));
        await(d.service.moveTo("INC-5", RESOLVED, "ana", "test"));
        // INC-2 was detected before INC-3, so it comes first among the P1s
        assertThat(d.service.board().incidents()).extracting(Incident::id)
                .containsExactly("INC-2", "INC-3", "INC-1", "INC-5", "INC-4");
        assertThat(d.service.board().open()).hasSize(3);
        assertThat(t0).isBefore(d.clock.instant());

        // a week after they ended, resolved incidents leave the board (they stay in the store)
        d.advance(Duration.ofDays(7).plusMinutes(1));
        await(d.service.checkDeadlines());
        assertThat(d.service.board().incidents()).extracting(Incident::id).containsExactly("INC-2", "INC-3", "INC-1");
        assertThat(d.service.find("INC-5")).hasValueSatisfying(i -> assertThat(i.status()).isEqualTo(RESOLVED));
        // and can still be reopened from there
        assertThat(await(d.service.moveTo("INC-5", INVESTIGATING, "ana", null)).status()).isEqualTo(INVESTIGATING);
        assertThat(d.service.board().open()).extracting(Incident::id).contains("INC-5");
    }
}
