package io.watchfloor.incidents.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.model.incident.Phase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLibraryTest {
    @TempDir
    Path dir;

    @Test
    void forAlertListsGenericRunbooksByIdThenMatchingSpecificOnesByIdEachOnce() throws Exception {
        Path team = Files.createDirectory(dir.resolve("team"));
        // file names deliberately in another order than the ids
        runbook(team, "1.yaml", "z-generic", null);
        runbook(team, "2.yaml", "a-generic", null);
        runbook(team, "3.yaml", "gpu-xid", "{alertname: [GpuXidError, \"GpuEcc.*\"]}");
        runbook(team, "4.yaml", "b-host", "{host: \"gpu-a[0-9]+\"}");
        runbook(team, "5.yaml", "prod-only", "{alertname: GpuXidError, env: prod}");
        runbook(team, "6.yaml", "endpoint", "{alertname: \"Endpoint.*\"}");

        RunbookLibrary library = RunbookLibrary.load(team);

        assertThat(library.problems()).isEmpty();
        assertThat(library.all()).extracting(Runbook::id)
                .containsExactly("a-generic", "b-host", "endpoint", "gpu-xid", "prod-only", "z-generic");
        assertThat(library.generic()).extracting(Runbook::id).containsExactly("a-generic", "z-generic");
        assertThat(ids(library.forAlert(Map.of("alertname", "GpuXidError", "host", "gpu-a7", "env", "prod"))))
                .containsExactly("a-generic", "z-generic", "b-host", "gpu-xid", "prod-only");
        assertThat(ids(library.forAlert(Map.of("alertname", "GpuEccDoubleBit", "host", "gpu-b1"))))
                .containsExactly("a-generic", "z-generic", "gpu-xid");
        // whole value: "gpu-a7x" is not "gpu-a[0-9]+", "XGpuXidError" is not "GpuXidError"
        assertThat(ids(library.forAlert(Map.of("alertname", "XGpuXidError", "host", "gpu-a7x"))))
                .containsExactly("a-generic", "z-generic");
        assertThat(ids(library.forAlert(Map.of()))).containsExactly("a-generic", "z-generic");
        assertThat(library.forAlert(Map.of("alertname", "EndpointDown"))).isUnmodifiable();
    }

    @Test
    void findsARunbookById() throws Exception {
        runbook(dir, "a.yaml", "gpu-xid", "{alertname: GpuXidError}");
        RunbookLibrary library = RunbookLibrary.load(dir);
        assertThat(library.find("gpu-xid")).map(Runbook::title).contains("Title of gpu-xid");
        assertThat(library.find("nope")).isEmpty();
    }

    @Test
    void teamRunbooksReplaceBundledOnesWithTheSameIdAndAddTheirOwn() throws Exception {
        Path team = Files.createDirectory(dir.resolve("team"));
        runbook(team, "postmortem.yaml", "generic-postmortem", null);
        runbook(team, "gpu.md.yaml", "gpu-xid-ecc", "{alertname: \"GpuXid.*\"}");
        runbook(team, "disk.yaml", "disk-full", "{alertname: DiskFull}");
        Files.writeString(team.resolve("broken.yaml"), "title: [\n");

        RunbookLibrary bundled = RunbookLibrary.bundled();
        RunbookLibrary combined = RunbookLibrary.combined(RunbookLibrary.load(team), bundled);

        assertThat(combined.find("generic-postmortem")).get().satisfies(r -> {
            assertThat(r.file()).isEqualTo(team.resolve("postmortem.yaml").toString());
            assertThat(r.title()).isEqualTo("Title of generic-postmortem");
        });
        assertThat(combined.find("gpu-xid-ecc")).get().extracting(Runbook::file)
                .isEqualTo(team.resolve("gpu.md.yaml").toString());
        assertThat(combined.find("generic-detection")).get().extracting(Runbook::file)
                .isEqualTo("assets/runbooks/generic-detection.yaml");
        assertThat(combined.all()).hasSize(bundled.all().size() + 1);
        assertThat(ids(combined.forAlert(Map.of("alertname", "DiskFull"))))
                .containsExactly("generic-classification", "generic-detection", "generic-investigation",
                        "generic-postmortem", "generic-remediation", "disk-full");
        // the team's copy of gpu-xid-ecc matches only what the team wrote
        assertThat(ids(combined.forAlert(Map.of("alertname", "GpuEccDoubleBit")))).doesNotContain("gpu-xid-ecc");
        assertThat(combined.problems()).singleElement().asString().startsWith(team.resolve("broken.yaml") + ":2: ");
    }

    @Test
    void forConfigIsTheBundledSetWithoutATeamFolder() throws Exception {
        runbook(dir, "extra.yaml", "extra", "{alertname: Extra}");
        assertThat(ids(RunbookLibrary.forConfig(null).all())).isEqualTo(ids(RunbookLibrary.bundled().all()));
        assertThat(ids(RunbookLibrary.forConfig(dir).all())).contains("extra", "gpu-xid-ecc");
    }

    @Test
    void ofTakesRunbooksMadeInCodeAndRefusesDuplicateIds() {
        Runbook a = new Runbook("a", "A", Map.of(), List.of(new RunbookStep("s", Phase.DETECTION, "S", true, null)), "code");
        Runbook b = new Runbook("b", "B", Map.of("alertname", Pattern.compile("B.*")), List.of(), "code");
        assertThat(ids(RunbookLibrary.of(List.of(b, a)).forAlert(Map.of("alertname", "Bee")))).containsExactly("a", "b");
        assertThatThrownBy(() -> RunbookLibrary.of(List.of(a, a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate runbook id \"a\"");
    }

    @Test
    void bundledIndexProblemsAreReportedWithIndexLines() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cp/assets/runbooks"));
        Files.writeString(folder.resolve("index.txt"), """
                # comment
                ok.yaml

                missing.md
                ../escape.yaml
                notes.txt
                ok.yaml
                """);
        runbook(folder, "ok.yaml", "ok", null);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, null)) {
            RunbookLibrary library = RunbookLibrary.bundled(loader);

            assertThat(library.all()).extracting(Runbook::id, Runbook::file)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ok", "assets/runbooks/ok.yaml"));
            assertThat(library.problems()).containsExactly(
                    "assets/runbooks/index.txt:5: \"../escape.yaml\" is not a runbook file name; expected one file name "
                            + "a line, ending in .yaml, .yml or .md (not README.md)",
                    "assets/runbooks/index.txt:6: \"notes.txt\" is not a runbook file name; expected one file name a "
                            + "line, ending in .yaml, .yml or .md (not README.md)",
                    "assets/runbooks/index.txt:7: \"ok.yaml\" is listed twice (first at line 2); expected each file once",
                    "assets/runbooks/index.txt:4: \"missing.md\" is listed but not on the class path; expected the file "
                            + "in assets/runbooks/ or its line removed");
        }
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(RunbookLibrary.bundled(empty).problems()).containsExactly("assets/runbooks/index.txt: not found "
                    + "on the class path; expected the app to ship assets/runbooks with its index (see app/pom.xml)");
        }
    }

    private static List<String> ids(List<Runbook> runbooks) {
        return runbooks.stream().map(Runbook::id).toList();
    }

    private static void runbook(Path folder, String file, String id, String match) throws Exception {
        Files.writeString(folder.resolve(file), "id: " + id + "\ntitle: Title of " + id + "\n"
                + (match == null ? "" : "match: " + match + "\n") + "steps: {detection: [Confirm the alert]}\n");
    }
}
