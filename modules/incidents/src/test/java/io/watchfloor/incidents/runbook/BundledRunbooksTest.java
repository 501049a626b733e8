package io.watchfloor.incidents.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.model.incident.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The runbooks shipped in assets/runbooks: they load, they match the alerts they are written for, and only those. */
class BundledRunbooksTest {
    private static final RunbookLibrary BUNDLED = RunbookLibrary.bundled();
    private static final List<String> GENERIC = List.of("generic-classification", "generic-detection",
            "generic-investigation", "generic-postmortem", "generic-remediation");

    @Test
    void loadWithoutProblems() {
        assertThat(BUNDLED.problems()).isEmpty();
        assertThat(BUNDLED.all()).extracting(Runbook::id).containsExactly("endpoint-5xx-spike", "endpoint-down",
                "generic-classification", "generic-detection", "generic-investigation", "generic-postmortem",
                "generic-remediation", "gpu-xid-ecc", "latency-slo-burn");
        assertThat(BUNDLED.all()).allSatisfy(r -> assertThat(r.file()).startsWith("assets/runbooks/"));
    }

    @Test
    void oneGenericRunbookPerPhaseWithStepsOfThatPhaseOnly() {
        assertThat(BUNDLED.generic()).extracting(Runbook::id).containsExactlyElementsOf(GENERIC);
        for (Phase phase : Phase.values()) {
            Runbook r = BUNDLED.find("generic-" + phase.name().toLowerCase(Locale.ROOT)).orElseThrow();
            assertThat(r.steps()).isNotEmpty().allSatisfy(s -> assertThat(s.phase()).isEqualTo(phase));
        }
    }

    @Test
    void requiredStepsAreFewAndNeverInThePostmortem() {
        for (Runbook r : BUNDLED.all()) {
            List<RunbookStep> required = r.steps().stream().filter(RunbookStep::required).toList();
            assertThat(required).as(r.id() + ": required steps are the ones no incident may skip").hasSizeLessThanOrEqualTo(2);
            // the postmortem is written after "resolved"; a required postmortem step would block resolving
            assertThat(required).as(r.id()).noneMatch(s -> s.phase() == Phase.POSTMORTEM);
            if (!r.generic()) {
                assertThat(required).as(r.id() + " has a required step").isNotEmpty();
                assertThat(r.steps(Phase.DETECTION)).as(r.id()).isNotEmpty();
                assertThat(r.steps(Phase.REMEDIATION)).as(r.id()).isNotEmpty();
            }
        }
        // the generic checklist: the alert is real, a severity and a lead are set, recovery is verified
        assertThat(BUNDLED.generic().stream().flatMap(r -> r.steps().stream()).filter(RunbookStep::required)
                .map(RunbookStep::id)).containsExactly("set-severity", "name-lead", "confirm-real", "verify-recovery");
    }

    @Test
    void theGpuRunbookInMarkdownKeepsItsHintsAndIds() {
        Runbook gpu = BUNDLED.find("gpu-xid-ecc").orElseThrow();
        RunbookStep kernelLog = gpu.steps().getFirst();
        assertThat(kernelLog.id()).isEqualTo("kernel-log");
        assertThat(kernelLog.required()).isFalse();
        assertThat(gpu.steps().stream().filter(RunbookStep::required).map(RunbookStep::id))
                .containsExactly("classify-xid", "decide");
        assertThat(kernelLog.hint()).startsWith("sudo journalctl -k --since \"-2h\" | grep -i 'NVRM: Xid'\n");
        assertThat(gpu.steps(Phase.INVESTIGATION)).extracting(RunbookStep::id).first().isEqualTo("ecc-state");
        assertThat(gpu.steps(Phase.INVESTIGATION).getFirst().hint())
                .isEqualTo("nvidia-smi -q -d ECC,PAGE_RETIREMENT,ROW_REMAPPER -i INDEX");
    }

    static Stream<Arguments> alertsAndTheirRunbook() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, "gpu-xid-ecc", "GpuXidError", "GpuXidErrors", "GPUXidError", "GpuEccDoubleBit",
                "GpuEccDoubleBitErrors", "GpuEccSingleBitRateHigh", "GpuRowRemapFailure", "GpuRetiredPagesPending",
                "DCGMXidErrors", "DCGM_FI_DEV_XID_ERRORS", "DCGMEccDoubleBitErrors", "DCGM_ROW_REMAP_FAILURE");
        add(cases, "endpoint-5xx-spike", "EndpointServerErrors", "EndpointServerError", "LLMEndpoint5xx",
                "LLMEndpoint5xxSpike", "EndpointHighErrorRate", "EndpointErrorRateHigh", "VllmHighErrorRate", "TGI5xx");
        add(cases, "latency-slo-burn", "EndpointLatencySLOBurn", "LLMEndpointLatencyBurnRate",
                "EndpointP95LatencyHigh", "LLMEndpointLatencyHigh", "VllmLatencySloBurn", "TTFTHigh");
        add(cases, "endpoint-down", "EndpointDown", "LLMEndpointDown", "EndpointUnreachable", "EndpointProbeFailed",
                "BlackboxProbeFailed", "ProbeFailed");
        // alerts that none of the specific runbooks is for: generic steps only
        add(cases, null, "GPUMemoryHigh", "GpuMemoryHigh", "GpuTemperatureHigh", "TargetDown", "NodeDiskFull",
                "BlackboxSslCertificateWillExpireSoon", "BlackboxProbeSlowHttp", "EndpointCertificateExpiry",
                "MyGpuXidError", "EndpointDownstreamSlow");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("alertsAndTheirRunbook")
    void eachSpecificRunbookMatchesTheAlertsItIsFor(String alertname, String runbook) {
        List<String> expected = new ArrayList<>(GENERIC);
        if (runbook != null) {
            expected.add(runbook);
        }
        assertThat(BUNDLED.forAlert(Map.of("alertname", alertname, "severity", "critical", "instance", "gpu-a1:9400")))
                .extracting(Runbook::id).containsExactlyElementsOf(expected);
    }

    @Test
    void realAlertmanagerAlertsGetTheGenericChecklist() throws IOException {
        // captured from Alertmanager 0.25 (TargetDown, GPUMemoryHigh, AlwaysFiringWatchdog)
        JsonNode alerts = new ObjectMapper().readTree(sharedFixture("alertmanager/am0.25-api-v2-alerts-active-silenced-inhibited.json")
                .toFile());
        assertThat(alerts).hasSize(3);
        for (JsonNode alert : alerts) {
            Map<String, String> labels = new ObjectMapper().convertValue(alert.get("labels"),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
            assertThat(BUNDLED.forAlert(labels)).as(labels.get("alertname")).extracting(Runbook::id)
                    .containsExactlyElementsOf(GENERIC);
        }
    }

    @Test
    void theIndexListsExactlyTheRunbookFilesOfTheFolder() throws IOException {
        Path folder = assetsRunbooks();
        List<String> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.map(p -> p.getFileName().toString()).filter(RunbookLibrary::isRunbookFile).sorted().toList();
        }
        List<String> index = Files.readAllLines(folder.resolve("index.txt")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();

        assertThat(index).as("assets/runbooks/index.txt against the files in assets/runbooks")
                .containsExactlyElementsOf(files);
        assertThat(folder.resolve("README.md")).isRegularFile();
        // the folder read as a team folder gives the same runbooks, so the README is not taken for one
        RunbookLibrary fromFolder = RunbookLibrary.load(folder);
        assertThat(fromFolder.problems()).isEmpty();
        assertThat(fromFolder.all()).extracting(Runbook::id)
                .containsExactlyElementsOf(BUNDLED.all().stream().map(Runbook::id).toList());
    }

    private static void add(List<Arguments> cases, String runbook, String... alertnames) {
        Arrays.stream(alertnames).forEach(a -> cases.add(Arguments.of(a, runbook)));
    }

    /** assets/runbooks of this checkout, found upwards from the module directory the tests run in. */
    private static Path assetsRunbooks() throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("assets").resolve("runbooks");
            if (Files.isRegularFile(candidate.resolve("index.txt"))) {
                return candidate;
            }
        }
        throw new IOException("assets/runbooks/index.txt not found above " + Path.of("").toAbsolutePath());
    }

    private static Path sharedFixture(String relative) {
        String dir = System.getProperty("watchfloor.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property watchfloor.shared.dir is not set (surefire sets it)");
        }
        Path p = Path.of(dir, "fixtures", relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing fixture " + p);
        }
        return p;
    }
}
