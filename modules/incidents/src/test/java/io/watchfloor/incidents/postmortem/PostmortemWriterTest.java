package io.watchfloor.incidents.postmortem;

import static io.watchfloor.incidents.postmortem.IncidentBuilder.DETECTED;
import static io.watchfloor.incidents.postmortem.IncidentBuilder.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.Postmortem;
import io.watchfloor.incidents.TimelineKind;
import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityHistory;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import io.watchfloor.model.endpoint.MaintenanceWindow;
import io.watchfloor.model.incident.IncidentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostmortemWriterTest {
    private static final String GOLDEN = "postmortem/INC-12-resolved.md";
    private static final Instant EXPORTED = Instant.parse("2026-11-24T09:00:00Z");
    private static final String CHAT = "llama-70b-chat";

    /** llama-70b-chat was down from 2 min to 14 min 30 s after detection; mistral-7b-batch has no evidence. */
    private static final AvailabilityHistory LEDGER = (endpoint, from, to) -> !endpoint.equals(CHAT) ? List.of()
            : List.of(new AvailabilitySegment(CHAT, Availability.UP, DETECTED.minusSeconds(600), at(2, 0), null),
                    new AvailabilitySegment(CHAT, Availability.DOWN, at(2, 0), at(14, 30), "HTTP 503"),
                    new AvailabilitySegment(CHAT, Availability.UP, at(14, 30), at(80, 0), null));
    /** Planned work on the endpoint from 10 to 12 min: 2 of its down minutes are not charged. */
    private static final List<MaintenanceWindow> MAINTENANCE = List.of(
            new MaintenanceWindow(CHAT, at(10, 0), at(12, 0), "planned driver update"),
            new MaintenanceWindow("other-endpoint", at(0, 0), at(60, 0), null));

    @Test
    void aResolvedIncidentRendersAsTheGoldenDocument() throws IOException {
        String md = new PostmortemWriter(LEDGER, MAINTENANCE).render(IncidentBuilder.resolvedTargetDown().build(),
                EXPORTED);
        if (Boolean.getBoolean("postmortem.golden.update")) {
            // -Dpostmortem.golden.update=true rewrites the file after a deliberate change of the format: review its diff
            Files.writeString(Path.of("src/test/resources").resolve(GOLDEN), md, StandardCharsets.UTF_8);
            return;
        }
        assertThat(md).isEqualTo(golden());
    }

    @Test
    void theSameIncidentAndNowGiveTheSameBytes() {
        PostmortemWriter w = new PostmortemWriter(LEDGER, MAINTENANCE);
        Incident i = IncidentBuilder.resolvedTargetDown().build();
        assertThat(w.render(i, EXPORTED)).isEqualTo(w.render(i, EXPORTED));
        // a resolved incident's impact ends at its resolution, not at the export
        assertThat(w.render(i, EXPORTED.plusSeconds(86_400)).replace("2026-11-25", "2026-11-24"))
                .isEqualTo(w.render(i, EXPORTED));
    }

    @Test
    void slaMinutesAreTheDownTimeInTheIncidentLessMaintenanceAndNoDataIsNeverZero() {
        String md = new PostmortemWriter(LEDGER, MAINTENANCE).render(IncidentBuilder.resolvedTargetDown().build(),
                EXPORTED);
        // down 2:00 -> 14:30 = 12.5 min, less 2 min of maintenance; measured 72 min less the 2
        assertThat(md).contains("| llama-70b-chat | 10.5 | 70.0 | 0.0 | 2.0 |");
        assertThat(md).contains("| mistral-7b-batch | no SLA data | 0.0 | 72.0 | 0.0 |");
    }

    @Test
    void tableCellsEscapePipesAndKeepLineBreaksInsideTheRow() {
        String md = new PostmortemWriter(LEDGER, MAINTENANCE).render(IncidentBuilder.resolvedTargetDown().build(),
                EXPORTED);
        assertThat(md).contains("| bo | note | nvidia-smi hangs on GPU 0;<br>Xid 79 \\| fallen off the bus |");
        assertThat(md).contains("| Keep one spare 70B host \\| per region | unassigned | not set |");
        assertThat(md).contains("Open a JIT shell and read \\`dmesg\\` for Xid");
        // every table row has as many cells as its header
        for (String line : md.lines().filter(l -> l.startsWith("|")).toList()) {
            assertThat(line).endsWith("|");
        }
    }

    @Test
    void snapshotEntriesSayAPngIsAttached() {
        String md = new PostmortemWriter(LEDGER, MAINTENANCE).render(IncidentBuilder.resolvedTargetDown().build(),
                EXPORTED);
        assertThat(md).contains("| snapshot | wall at detection: gpu-03 — wall snapshot attached (PNG) |");
    }

    @Test
    void theChecklistFlagsOpenRequiredStepsAndTheOverride() {
        String md = new PostmortemWriter(LEDGER, MAINTENANCE).render(IncidentBuilder.resolvedTargetDown().build(),
                EXPORTED);
        assertThat(md).contains("3 of 5 steps done; **1 required step open**.");
        assertThat(md).contains("**Override reason:** host replaced; the drain step no longer applies (ana, "
                + "2026-11-23 07:47:17 UTC)");
        assertThat(md).contains("| Remediation | Drain the host from the load balancer | GPU host down "
                + "| **OPEN (required)** |  |  |");
        assertThat(md).contains("| Detection | Confirm the alert on the wall | Generic incident response | done | ana "
                + "| 2026-11-23 06:40:17 |");
    }

    @Test
    void anOngoingIncidentWithNothingWrittenKeepsEverySectionAndSaysWhatIsMissing() {
        IncidentBuilder b = new IncidentBuilder();
        b.endpoints.add(CHAT);
        b.entry(DETECTED, TimelineKind.OPENED, "ana", "opened by hand");
        Instant now = at(9, 30);
        String md = new PostmortemWriter(null, List.of()).render(b.build(), now);

        assertThat(md).startsWith("# INC-12 (P1): TargetDown on gpu-03 (job node)\n");
        assertThat(md).contains("- **Resolved:** not yet\n");
        assertThat(md).contains("- **Duration:** ongoing, 9 min 30 s so far (detected 2026-11-23 06:35:17 UTC)\n");
        assertThat(md).contains("(P1: acknowledge within 15 min): not acknowledged yet, 5 min 30 s left (deadline "
                + "2026-11-23 06:50:17 UTC)");
        assertThat(md).contains("- **Time to acknowledge:** not yet\n- **Time to mitigate:** not yet\n"
                + "- **Time to resolve:** not yet\n");
        assertThat(md).contains("- **Lead:** not set\n");
        assertThat(md).contains("- **Hosts affected:** none recorded\n");
        assertThat(md).contains("from detection to the export (the incident is ongoing)");
        assertThat(md).contains("| llama-70b-chat | no SLA data |  |  |  |");
        assertThat(md).contains("_No alerts; the incident was opened by hand._");
        assertThat(md).contains("_No checklist steps._");
        for (String section : List.of("Summary", "Contributing factors", "Root cause", "Resolution", "Action items")) {
            assertThat(md).contains("## " + section + "\n\n" + PostmortemWriter.NOT_WRITTEN + "\n");
        }
        assertThat(md.indexOf("## Summary")).isLessThan(md.indexOf("## Impact"));
        assertThat(md.indexOf("## Timeline")).isLessThan(md.indexOf("## Contributing factors"));
        assertThat(md.indexOf("## Checklist")).isLessThan(md.indexOf("## Action items"));
    }

    @Test
    void withoutEndpointsTheImpactSaysSoAndReadsNoLedger() {
        IncidentBuilder b = IncidentBuilder.resolvedTargetDown();
        b.endpoints.clear();
        AvailabilityHistory mustNotRead = (e, f, t) -> {
            throw new AssertionError("read the ledger for " + e);
        };
        String md = new PostmortemWriter(mustNotRead, List.of()).render(b.build(), EXPORTED);
        assertThat(md).contains("### SLA minutes consumed\n\n_No endpoints are linked to this incident._\n");
        assertThat(md).contains("- **Endpoints affected:** none recorded\n");
    }

    @Test
    void aLedgerThatCannotBeReadIsReportedAsNoSlaData() {
        AvailabilityHistory broken = (e, f, t) -> {
            throw new IllegalStateException("cannot read the cache file x.mv.db");
        };
        String md = new PostmortemWriter(broken, List.of()).render(IncidentBuilder.resolvedTargetDown().build(),
                EXPORTED);
        assertThat(md).contains("| llama-70b-chat | no SLA data (the ledger could not be read: cannot read the cache"
                + " file x.mv.db) |");
    }

    @Test
    void theResponseSlaLineTellsBreachesApart() {
        IncidentBuilder late = IncidentBuilder.resolvedTargetDown();
        late.acknowledgedAt = at(22, 17);
        late.responseBreachedAt = at(15, 0);
        assertThat(render(late, EXPORTED)).contains("(P1: acknowledge within 15 min): **breached**, acknowledged after"
                + " 22 min 17 s, 7 min 17 s late\n");

        IncidentBuilder never = new IncidentBuilder();
        never.responseBreachedAt = at(15, 0);
        assertThat(render(never, at(40, 0))).contains("**breached**, not acknowledged; the deadline passed at "
                + "2026-11-23 06:50:17 UTC\n");

        IncidentBuilder met = IncidentBuilder.resolvedTargetDown();
        assertThat(render(met, EXPORTED)).contains("): met, acknowledged after 4 min 43 s\n")
                .contains("- **Time to acknowledge:** 4 min 43 s (by ana)\n")
                .contains("- **Time to mitigate:** 31 min 12 s\n")
                .contains("- **Time to resolve:** 1 h 12 min\n");
    }

    @Test
    void markdownInTitlesIsShownAsWrittenButWrittenSectionsKeepTheirMarkdown() {
        IncidentBuilder b = new IncidentBuilder();
        b.title = "GPU_MEM *high* on <gpu-03> | [ECC]";
        b.status = IncidentStatus.INVESTIGATING;
        b.postmortem = new Postmortem("**Bold** on purpose\r\n\r\n- a list", "", " \n ", "", List.of());
        String md = render(b, at(1, 0));
        assertThat(md).startsWith("# INC-12 (P1): GPU\\_MEM \\*high\\* on \\<gpu-03> \\| \\[ECC\\]\n");
        assertThat(md).contains("## Summary\n\n**Bold** on purpose\n\n- a list\n\n## Impact");
        assertThat(md).contains("## Root cause\n\n" + PostmortemWriter.NOT_WRITTEN + "\n");
    }

    @Test
    void entriesAreListedInTheOrderTheyHappenedEvenWhenStoredOutOfOrder() {
        IncidentBuilder b = new IncidentBuilder();
        b.entry(at(2, 0), TimelineKind.NOTE, "ana", "second");
        b.entry(at(1, 0), TimelineKind.NOTE, "ana", "first");
        List<io.watchfloor.incidents.TimelineEntry> reversed = new ArrayList<>(b.timeline);
        java.util.Collections.reverse(reversed);
        b.timeline = reversed;
        String md = render(b, at(3, 0));
        // seq is the order things happened in, even where clocks disagree
        assertThat(md.indexOf("| second |")).isLessThan(md.indexOf("| first |"));
    }

    private static String render(IncidentBuilder b, Instant now) {
        return new PostmortemWriter(LEDGER, MAINTENANCE).render(b.build(), now);
    }

    private static String golden() throws IOException {
        try (InputStream in = PostmortemWriterTest.class.getClassLoader().getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file " + GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
