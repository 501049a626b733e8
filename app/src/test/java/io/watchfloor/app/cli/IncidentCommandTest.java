package io.watchfloor.app.cli;

import static io.watchfloor.app.cli.IncidentSamples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.watchfloor.app.runtime.IncidentDesk;
import io.watchfloor.app.snapshot.IncidentsStateJson;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.model.incident.IncidentStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `watchfloor incident ...` through picocli against an in-memory desk: output, exit codes, what the desk was asked. */
class IncidentCommandTest extends IncidentCliHarness {
    @Test
    void listShowsTheOpenIncidentsWithTheirTimersChecklistsAndAlerts() {
        Run r = run(args("list"));
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("ID +SEV +STATUS +RESPONSE +CHECKLIST +ALERTS +TITLE");
        assertThat(lines).hasSize(4);
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "INC-3 +P1 +triage +ack in 12m +0/3 +1/2 +TargetDown on gpu-03"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "INC-4 +P1 +triage +BREACHED 3m ago +0/0 +0/0 +Endpoint chat-eu down"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "INC-2 +P2 +investigating +acked by ana +2/4 +0/1 +Latency SLO burn on mistral-7b"));
        assertThat(r.out()).doesNotContain("INC-1 ");
        // columns line up: every row's STATUS starts where the header's does
        int col = lines.get(0).indexOf("STATUS");
        lines.stream().skip(1).forEach(l -> assertThat(l.charAt(col)).isNotEqualTo(' '));
        assertThat(openedOn).containsExactly(dataDir);
        assertThat(fake.closed()).isTrue();
        assertThat(released).isTrue();
    }

    @Test
    void listAllAddsTheRecentlyResolved() {
        Run r = run(args("list", "--all"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("INC-1 +P3 +resolved +acked by bo +0/0 +0/0 +Xid 48 on gpu-01");
    }

    @Test
    void listJsonPrintsTheSnapshotStateOfTheSameIncidents() throws IOException {
        Run r = run(args("list", "--json"));
        assertThat(r.code()).isZero();
        IncidentBoard board = fake.board();
        StringWriter expected = new StringWriter();
        IncidentsStateJson.write(board, board.open(), NOW, expected);
        assertThat(r.out().strip()).isEqualTo(expected.toString().strip());
        assertThat(ids(r.out())).containsExactlyInAnyOrder("INC-2", "INC-3", "INC-4");
        assertThat(ids(run(args("list", "--json", "--all")).out())).containsExactlyInAnyOrder("INC-1", "INC-2",
                "INC-3", "INC-4");
    }

    @Test
    void anEmptyDeskSaysSo() {
        fake = new FakeIncidents(CLOCK);
        assertThat(run(args("list")).out()).isEqualTo("No open incidents." + System.lineSeparator());
        assertThat(ids(run(args("list", "--json")).out())).isEmpty();
    }

    @Test
    void ackRecordsWhoAndSaysWhetherTheResponseSlaWasMet() {
        Run r = run(args("ack", "inc-3", "--by", "ana"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("INC-3 acknowledged by ana; response SLA met" + System.lineSeparator());
        assertThat(fake.calls()).containsExactly("acknowledge INC-3 by ana");

        Run late = run(args("ack", "4"));
        assertThat(late.out()).startsWith("INC-4 acknowledged by cfg-user; response SLA breached (3m late)");
    }

    @Test
    void theActorIsByElseTheConfiguredUserElseTheLoginName() throws IOException {
        run(args("note", "INC-2", "checked", "the", "dashboards"));
        Files.writeString(config, "sources: [{id: demo, type: demo}]\n");
        run(args("note", "INC-2", "second"));
        assertThat(fake.calls()).containsExactly("note INC-2 checked the dashboards by cfg-user",
                "note INC-2 second by " + System.getProperty("user.name"));
    }

    @Test
    void aRefusalExitsOneWithTheDesksMessage() {
        Run r = run(args("ack", "INC-2"));
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("watchfloor incident: INC-2 was already acknowledged by ana");

        Run missing = run(args("ack", "INC-99"));
        assertThat(missing.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.err()).contains("watchfloor incident: no incident INC-99");
        assertThat(fake.closed()).isTrue();
    }

    @Test
    void resolveWithRequiredStepsOpenListsThemAndHowToOverride() {
        Run r = run(args("resolve", "INC-3"));
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("watchfloor incident: INC-3 has 2 required step(s) open")
                .contains("Required steps still open on INC-3:")
                .containsPattern("  generic/confirm +\\(required\\) Do confirm")
                .containsPattern("  generic/severity +\\(required\\) Do severity")
                .doesNotContain("generic/notes")
                .contains("watchfloor incident resolve INC-3 --override \"REASON\"");
        assertThat(r.out()).isEmpty();
        assertThat(fake.find("INC-3").orElseThrow().status()).isEqualTo(IncidentStatus.TRIAGE);

        Run overridden = run(args("resolve", "INC-3", "--override", "false alarm, host was rebooting", "--by", "bo"));
        assertThat(overridden.code()).isZero();
        assertThat(overridden.out()).startsWith("INC-3 is resolved (required steps overridden: false alarm, host was"
                + " rebooting)");
        assertThat(fake.find("INC-3").orElseThrow().resolveOverride()).isEqualTo("false alarm, host was rebooting");
    }

    @Test
    void statusMovesAndRefusesBadMovesAndBadNames() {
        assertThat(run(args("status", "INC-2", "Mitigated")).out()).startsWith("INC-2 is mitigated");

        Run invalid = run(args("status", "INC-1", "triage"));
        assertThat(invalid.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(invalid.err()).contains("INC-1 cannot move from resolved to triage");

        Run blocked = run(args("status", "INC-3", "resolved"));
        assertThat(blocked.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(blocked.err()).contains("watchfloor incident status INC-3 resolved --override \"REASON\"");

        int desks = openedOn.size();
        Run unknown = run(args("status", "INC-2", "fixed"));
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("\"fixed\" is not a status; expected one of: triage, investigating,"
                + " mitigated, resolved, closed");
        assertThat(openedOn).hasSize(desks);
    }

    @Test
    void openByHandPrintsTheNewIdFirst() {
        Run r = run(args("open", "--title", "Customer reports 502s", "--severity", "p2", "--host", "gpu-01",
                "--host", "gpu-02", "--endpoint", "chat-eu", "--by", "ana"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("INC-5 opened (P2): Customer reports 502s; acknowledge within 1h00m, by "
                + NOW.plus(Duration.ofHours(1)) + System.lineSeparator());
        Incident i = fake.find("INC-5").orElseThrow();
        assertThat(i.hosts()).containsExactly("gpu-01", "gpu-02");
        assertThat(i.endpoints()).containsExactly("chat-eu");
    }

    @Test
    void usageErrorsExitTwoWithoutTouchingTheDesk() {
        assertThat(run(args("open", "--title", "x", "--severity", "P7")).err())
                .contains("--severity: \"P7\" is not a severity; expected P1, P2, P3 or P4");
        assertThat(run(args("open", "--title", "x", "--severity", "P7")).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run(args("open", "--title", "x")).code()).isEqualTo(ExitCodes.USAGE);
        Run badId = run(args("ack", "gpu-03"));
        assertThat(badId.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badId.err()).contains("not an incident id: \"gpu-03\"; expected INC-<n>");
        assertThat(run("--help").code()).isZero();
        Run nothing = run();
        assertThat(nothing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.err()).contains("list, open, ack, note, step, status, resolve, export");
        assertThat(openedOn).isEmpty();
    }

    @Test
    void aBadConfigExitsTwoWithItsProblems() throws IOException {
        Files.writeString(config, "sources: [{id: demo, type: demo}]\nincidents: {severity: {critical: P9}}\n");
        Run r = run(args("list"));
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(config.toString() + ":");
        assertThat(openedOn).isEmpty();
    }

    @Test
    void stepChecksOffAndUndoes() {
        assertThat(run(args("step", "INC-3", "generic/confirm", "--by", "ana")).out())
                .isEqualTo("INC-3 step generic/confirm done (1/3 done)" + System.lineSeparator());
        assertThat(run(args("step", "INC-3", "generic/confirm", "--undo")).out())
                .isEqualTo("INC-3 step generic/confirm not done (0/3 done)" + System.lineSeparator());
        assertThat(fake.calls()).containsExactly("step INC-3 generic/confirm done by ana",
                "step INC-3 generic/confirm undone by cfg-user");
    }

    @Test
    void anUnknownStepListsTheIncidentsSteps() {
        Run r = run(args("step", "INC-3", "generic/confrim"));
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("INC-3 has no checklist step generic/confrim; its steps are:")
                .containsPattern("  generic/confirm +\\(required\\) Do confirm")
                .containsPattern("  generic/notes +Do notes");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void aDataDirectoryHeldByTheConsoleGetsAClearMessage() {
        Run r = run(new IncidentCommand((cfg, dir) -> {
            throw new IncidentDesk.DeskUnavailableException(dir, true, 4242L, "data directory in use", null);
        }), args("ack", "INC-3"));
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).isEqualTo("watchfloor incident: a running Watchfloor console (pid 4242) holds the data"
                + " directory " + dataDir + ". Do this in the console (Incidents view), or run the command again once"
                + " the console is closed." + System.lineSeparator());
    }

    @Test
    void theRealCacheLockIsReportedTheSameWay() {
        try (H2TelemetryStore console = H2TelemetryStore.open(dataDir, RetentionPolicy.DEFAULTS, null)) {
            Run r = run(new IncidentCommand(), args("list"));
            assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(r.err()).startsWith("watchfloor incident: a running Watchfloor console")
                    .contains("holds the data directory " + dataDir + ". Do this in the console");
            assertThat(console.latest()).isEmpty(); // the holder is untouched
        }
    }

    @Test
    void theLauncherKnowsTheIncidentCommand() {
        CommandLine root = new CommandLine(new WatchfloorCommand());
        assertThat(root.getSubcommands()).containsKey("incident");
        assertThat(root.getSubcommands().get("incident").getSubcommands().keySet())
                .containsExactly("list", "open", "ack", "note", "step", "status", "resolve", "export");
    }

    static List<String> ids(String json) {
        List<String> ids = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            int depth = 0;
            String field = null;
            boolean inIncidents = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        depth++;
                        if (depth == 2 && "incidents".equals(field)) {
                            inIncidents = true;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        if (depth == 1) {
                            inIncidents = false;
                        }
                    }
                    case FIELD_NAME -> field = p.currentName();
                    case VALUE_STRING -> {
                        if (inIncidents && depth == 3 && "id".equals(field)) {
                            ids.add(p.getText());
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage() + "\n" + json, e);
        }
        return ids;
    }

}
