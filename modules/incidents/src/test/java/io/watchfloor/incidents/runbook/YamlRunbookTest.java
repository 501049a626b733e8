package io.watchfloor.incidents.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.watchfloor.model.incident.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlRunbookTest {
    @TempDir
    Path dir;

    @Test
    void readsIdTitleMatchAndStepsOfEveryPhase() throws Exception {
        write("gpu.yaml", """
                id: gpu-xid
                title: GPU Xid error
                match:
                  alertname: [GpuXidError, "GpuEcc.*"]
                  cluster: "prod-.*"
                steps:
                  postmortem:
                    - {id: log, text: Record the serial}
                  detection:
                    - id: kernel-log
                      text: Find the Xid in the kernel log
                      required: true
                      hint: "sudo journalctl -k | grep -i xid"
                    - {id: scope, text: Other GPUs as well, required: false}
                  classification:
                    - {id: classify, text: Classify the code, required: TRUE}
                  investigation:
                    - id: ecc
                      text: Read the ECC state
                      hint: |
                        nvidia-smi -q -d ECC,PAGE_RETIREMENT,ROW_REMAPPER -i 0
                        nvidia-smi -L
                  Remediation:
                    - {id: drain, text: Drain the node}
                """);

        RunbookLibrary library = RunbookLibrary.load(dir);

        assertThat(library.problems()).isEmpty();
        Runbook r = library.all().getFirst();
        assertThat(r.id()).isEqualTo("gpu-xid");
        assertThat(r.title()).isEqualTo("GPU Xid error");
        assertThat(r.file()).isEqualTo(dir.resolve("gpu.yaml").toString());
        assertThat(r.generic()).isFalse();
        // phases in response order whatever the file order; file order within a phase
        assertThat(r.steps()).extracting(RunbookStep::id, RunbookStep::phase, RunbookStep::required).containsExactly(
                tuple("kernel-log", Phase.DETECTION, true),
                tuple("scope", Phase.DETECTION, false),
                tuple("classify", Phase.CLASSIFICATION, true),
                tuple("ecc", Phase.INVESTIGATION, false),
                tuple("drain", Phase.REMEDIATION, false),
                tuple("log", Phase.POSTMORTEM, false));
        assertThat(r.steps().getFirst().hint()).isEqualTo("sudo journalctl -k | grep -i xid");
        assertThat(r.steps().getFirst().text()).isEqualTo("Find the Xid in the kernel log");
        assertThat(r.steps(Phase.INVESTIGATION).getFirst().hint())
                .isEqualTo("nvidia-smi -q -d ECC,PAGE_RETIREMENT,ROW_REMAPPER -i 0\nnvidia-smi -L");
        assertThat(r.steps(Phase.REMEDIATION).getFirst().hint()).isNull();

        assertThat(r.matches(Map.of("alertname", "GpuXidError", "cluster", "prod-eu"))).isTrue();
        assertThat(r.matches(Map.of("alertname", "GpuEccDoubleBit", "cluster", "prod-us"))).isTrue();
        assertThat(r.matches(Map.of("alertname", "GpuXidError", "cluster", "staging"))).as("every label must match")
                .isFalse();
        assertThat(r.matches(Map.of("alertname", "GpuXidError"))).as("a missing label never matches").isFalse();
        assertThat(r.matches(Map.of("alertname", "GpuXidErrorX", "cluster", "prod-eu")))
                .as("a list item is matched against the whole value").isFalse();
    }

    @Test
    void idDefaultsToTheFileNameAndStepIdsToASlugOfTheText() throws Exception {
        write("Endpoint_down.v2.yml", """
                title: Endpoint down
                steps:
                  detection:
                    - Confirm the probe fails from a second place (curl -w '%{http_code}')
                    - text: Über-check the TLS certificate's dates
                """);

        RunbookLibrary library = RunbookLibrary.load(dir);

        assertThat(library.problems()).isEmpty();
        Runbook r = library.all().getFirst();
        assertThat(r.id()).isEqualTo("Endpoint_down.v2");
        assertThat(r.generic()).as("no match: applies to every incident").isTrue();
        assertThat(r.steps()).extracting(RunbookStep::id, RunbookStep::required, RunbookStep::hint).containsExactly(
                tuple("confirm-the-probe-fails-from-a-second-place-curl", false, null),
                tuple("uber-check-the-tls-certificate-s-dates", false, null));
        assertThat(r.steps().getFirst().text())
                .isEqualTo("Confirm the probe fails from a second place (curl -w '%{http_code}')");
    }

    @Test
    void aSingleRegexMatchesTheWholeValueOnly() throws Exception {
        write("latency.yaml", """
                id: latency
                title: Latency
                match: {alertname: "Endpoint.*Latency"}
                steps: {detection: [Look at p95]}
                """);

        Runbook r = RunbookLibrary.load(dir).all().getFirst();

        assertThat(r.matches(Map.of("alertname", "EndpointP95Latency"))).isTrue();
        assertThat(r.matches(Map.of("alertname", "EndpointP95LatencyHigh"))).isFalse();
        assertThat(r.matches(Map.of("alertname", "MyEndpointP95Latency"))).isFalse();
    }

    @Test
    void anEmptyMatchIsGenericAndAnEmptyPhaseHasNoSteps() throws Exception {
        write("g.yaml", """
                title: Every incident
                match: {}
                steps:
                  detection: [Confirm the alert]
                  postmortem:
                """);

        RunbookLibrary library = RunbookLibrary.load(dir);

        assertThat(library.problems()).isEmpty();
        assertThat(library.generic()).extracting(Runbook::id).containsExactly("g");
        assertThat(library.all().getFirst().steps()).hasSize(1);
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }
}
