package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.parse;
import static io.watchfloor.config.ConfigAssertions.problems;
import static io.watchfloor.config.ConfigAssertions.withSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.watchfloor.model.incident.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code incidents:}: severity from alert labels, response SLAs, grouping, runbooks; each mistake at line:col. */
class IncidentsReaderTest {
    private static final String KEYS = "severityLabel, severity, defaultSeverity, responseSla, groupBy, runbooks, user";
    private static final String GROUP_BY_EXPECTED = "expected a list of label names such as [alertname, \"service|host\"]";

    @TempDir
    Path dir;

    @Test
    void theIssuesExampleSetsP1AndP2AndKeepsTheDefaultsOfP3AndP4() throws Exception {
        IncidentsConfig c = parse("""
                sources:
                  - {id: am, type: alertmanager, url: http://127.0.0.1:9093, interval: 5s}
                incidents:
                  severity: {critical: P1, warning: P3}
                  responseSla: {P1: 15m, P2: 60m}
                """).incidents();

        assertThat(c.responseSla()).containsExactly(entry(Severity.P1, Duration.ofMinutes(15)),
                entry(Severity.P2, Duration.ofMinutes(60)), entry(Severity.P3, Duration.ofHours(4)),
                entry(Severity.P4, Duration.ofDays(1)));
        assertThat(c.severityOf(Map.of("alertname", "GpuXidError", "severity", "critical"))).isEqualTo(Severity.P1);
        assertThat(c.severityOf(Map.of("severity", "warning"))).isEqualTo(Severity.P3);
        assertThat(c.severityOf(Map.of("severity", "info"))).as("not mapped: the default").isEqualTo(Severity.P3);
        assertThat(c.severityOf(Map.of())).isEqualTo(Severity.P3);
        assertThat(c.groupBy()).isEqualTo(IncidentsConfig.DEFAULTS.groupBy());
        assertThat(c.runbooks()).isNull();
        assertThat(c.user()).isNull();
    }

    @Test
    void withoutTheSectionOrWithAnEmptyOneEverythingIsDefault() throws Exception {
        assertThat(parse(withSource("")).incidents()).isEqualTo(IncidentsConfig.DEFAULTS);
        assertThat(parse(withSource("incidents:\n")).incidents()).isEqualTo(IncidentsConfig.DEFAULTS);
        assertThat(parse(withSource("incidents: {}\n")).incidents()).isEqualTo(IncidentsConfig.DEFAULTS);
    }

    @Test
    void aSeverityMapReplacesTheDefaultOneAndMatchesWithoutCase() throws Exception {
        IncidentsConfig c = parse(withSource("""
                incidents:
                  severityLabel: priority
                  severity: {Page: P1, ticket: P4}
                  defaultSeverity: p2
                  responseSla: {P4: 2d}
                  user: alice
                """)).incidents();

        assertThat(c.severityLabel()).isEqualTo("priority");
        assertThat(c.severity()).containsOnly(entry("page", Severity.P1), entry("ticket", Severity.P4));
        assertThat(c.severityOf(Map.of("priority", " PAGE "))).isEqualTo(Severity.P1);
        assertThat(c.severityOf(Map.of("priority", "warning"))).as("the default map is gone").isEqualTo(Severity.P2);
        assertThat(c.severityOf(Map.of("severity", "critical"))).as("another label").isEqualTo(Severity.P2);
        assertThat(c.responseSla(Severity.P4)).isEqualTo(Duration.ofDays(2));
        assertThat(c.responseSla(Severity.P1)).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.user()).isEqualTo("alice");
    }

    @Test
    void groupByTakesAlternativesSeparatedByABar() throws Exception {
        IncidentsConfig c = parse(withSource("""
                incidents:
                  groupBy: [alertname, "service|host", " cluster | namespace | job "]
                """)).incidents();

        assertThat(c.groupBy()).containsExactly(List.of("alertname"), List.of("service", "host"),
                List.of("cluster", "namespace", "job"));
    }

    @Test
    void everyMistakeIsReportedAtItsPlace() {
        assertThat(problems(withSource("""
                incidents:
                  severity: {critical: P0, warning: [P3]}
                  defaultSeverity: high
                  responseSla: {P1: 15 minutes, P2: 0s, p3: 4h}
                  groupBy: [alertname, "|", "host name"]
                  escalate: true
                """))).containsExactly(
                "5:24: incidents.severity.critical: \"P0\" is not a severity; expected P1, P2, P3 or P4",
                "5:37: incidents.severity.warning: is a list; expected P1, P2, P3 or P4",
                "6:20: incidents.defaultSeverity: \"high\" is not a severity; expected P1, P2, P3 or P4",
                "7:21: incidents.responseSla.P1: \"15 minutes\" is not a duration; expected a number with a unit such as "
                        + "500ms, 5s, 10m, 1h, 7d",
                "7:37: incidents.responseSla.P2: \"0s\" is too short; expected at least 1s",
                "7:41: incidents.responseSla: unknown key \"p3\" (did you mean \"P3\"? expected one of: P1, P2, P3, P4)",
                "8:24: incidents.groupBy[1]: \"|\" is not a label name; " + GROUP_BY_EXPECTED,
                "8:29: incidents.groupBy[2]: \"host name\" is not a label name; " + GROUP_BY_EXPECTED,
                "9:3: incidents: unknown key \"escalate\" (expected one of: " + KEYS + ")");
    }

    @Test
    void wrongShapesAreReported() {
        assertThat(problems(withSource("incidents: [severity]\n"))).containsExactly(
                "4:12: incidents: is a list; expected a mapping with keys such as severity and responseSla");
        assertThat(problems(withSource("""
                incidents:
                  severityLabel: ""
                  severity: P1
                  responseSla: 15m
                  groupBy: alertname
                """))).containsExactly(
                "5:18: incidents.severityLabel: is empty; expected a label name such as severity",
                "6:13: incidents.severity: is the value \"P1\"; expected a mapping from label value to severity, such as "
                        + "{critical: P1, warning: P3}",
                "7:16: incidents.responseSla: is the value \"15m\"; expected a mapping from severity to a time to "
                        + "acknowledge, such as {P1: 15m, P2: 60m}",
                "8:12: incidents.groupBy: is the value \"alertname\"; " + GROUP_BY_EXPECTED);
    }

    @Test
    void aLabelValueWrittenTwiceInAnotherCaseIsAProblem() {
        assertThat(problems(withSource("""
                incidents:
                  severity: {critical: P1, Critical: P2}
                """))).containsExactly(
                "5:28: incidents.severity: \"Critical\" is the same label value as \"critical\" (case does not count); "
                        + "expected each value once");
    }

    @Test
    void runbooksIsAFolderBesideTheConfigFile() throws Exception {
        Path runbooks = Files.createDirectories(dir.resolve("team-runbooks"));
        Path file = Files.writeString(dir.resolve("watchfloor.yaml"), withSource("""
                incidents:
                  runbooks: team-runbooks
                """));

        assertThat(ConfigLoader.load(file, Map.of()).incidents().runbooks()).isEqualTo(runbooks);
    }

    @Test
    void aMissingRunbooksFolderOrAFileIsAProblem() throws Exception {
        Files.writeString(dir.resolve("runbook.yaml"), "id: x\n");
        Path file = Files.writeString(dir.resolve("watchfloor.yaml"), withSource("""
                incidents:
                  runbooks: ${RUNBOOKS}
                """));
        Path file2 = Files.writeString(dir.resolve("second.yaml"), withSource("""
                incidents:
                  runbooks: runbook.yaml
                """));

        assertThat(problemsOf(file, Map.of("RUNBOOKS", "team-runbooks"))).containsExactly(
                "5:13: incidents.runbooks: directory \"" + dir.resolve("team-runbooks") + "\" does not exist; "
                        + "expected a folder of runbook files (*.yaml, *.md)");
        assertThat(problemsOf(file2, Map.of())).containsExactly(
                "5:13: incidents.runbooks: \"" + dir.resolve("runbook.yaml") + "\" is a file; expected a folder of "
                        + "runbook files (*.yaml, *.md)");
        assertThat(problems(withSource("incidents: {runbooks: \"\"}\n"))).containsExactly(
                "4:23: incidents.runbooks: is empty; expected a folder of runbook files (*.yaml, *.md)");
    }

    private static List<String> problemsOf(Path file, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, env));
        assertThat(e).as("expected the config to be rejected").isNotNull();
        return e.problems().stream().map(p -> p.position().line() + ":" + p.position().column() + ": " + p.message())
                .toList();
    }
}
