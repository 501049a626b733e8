package io.watchfloor.app.cli;

import static io.watchfloor.app.cli.IncidentSamples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.incidents.postmortem.PostmortemWriter;
import io.watchfloor.model.endpoint.MaintenanceWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `watchfloor incident export`: the postmortem, written whole or not at all. */
class IncidentExportCommandTest extends IncidentCliHarness {

    private String expected(List<MaintenanceWindow> maintenance) {
        return new PostmortemWriter(LEDGER, maintenance).render(fake.find("INC-3").orElseThrow(), NOW);
    }

    @Test
    void exportWritesThePostmortemToTheFile() throws IOException {
        Path out = tmp.resolve("reports/INC-3.md");
        Run r = run(args("export", "INC-3", "--format", "md", "--out", out.toString()));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("INC-3 postmortem written to " + out + System.lineSeparator());
        String md = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(md).isEqualTo(expected(List.of()));
        assertThat(md).startsWith("# INC-3 (P1): TargetDown on gpu-03\n")
                .contains("| llama-70b-chat | 2.0 | 2.0 | 1.0 | 0.0 |");
        assertThat(leftovers(out.getParent())).containsExactly(out.getFileName().toString());
    }

    @Test
    void theConfiguredMaintenanceIsNotCharged() throws IOException {
        Files.writeString(config, "sources: [{id: demo, type: demo}]\nmaintenance:\n"
                + "  - {endpoint: \"*\", from: \"" + INC3_DETECTED + "\", to: \""
                + INC3_DETECTED.plusSeconds(60) + "\", reason: planned}\n");
        Run r = run(args("export", "INC-3", "--out", "-"));
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        // a window for every endpoint ("*") covers the first of the 2 down minutes
        assertThat(r.out()).contains("| llama-70b-chat | 1.0 | 1.0 | 1.0 | 1.0 |");
    }

    @Test
    void aDashPrintsTheDocumentAndNothingElse() {
        Run r = run(args("export", "INC-3", "--out", "-"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(expected(List.of()));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void anExistingFileIsReplacedWhole() throws IOException {
        Path out = tmp.resolve("INC-3.md");
        Files.writeString(out, "old text that is much longer than nothing ".repeat(500));
        assertThat(run(args("export", "INC-3", "--out", out.toString())).code()).isZero();
        assertThat(Files.readString(out)).isEqualTo(expected(List.of()));
        assertThat(leftovers(tmp)).doesNotContain(".INC-3.md.tmp").allSatisfy(n -> assertThat(n).doesNotEndWith(".tmp"));
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Path notADir = tmp.resolve("plain-file");
        Files.writeString(notADir, "keep me");
        Run r = run(args("export", "INC-3", "--out", notADir.resolve("INC-3.md").toString()));
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).startsWith("watchfloor incident: cannot write " + notADir.resolve("INC-3.md") + ": ");
        assertThat(Files.readString(notADir)).isEqualTo("keep me");
        assertThat(leftovers(tmp)).allSatisfy(n -> assertThat(n).doesNotEndWith(".tmp"));
    }

    @Test
    void anUnknownIncidentWritesNoFile() {
        Path out = tmp.resolve("INC-77.md");
        Run r = run(args("export", "INC-77", "--out", out.toString()));
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("watchfloor incident: no incident INC-77 in " + dataDir);
        assertThat(out).doesNotExist();
    }

    @Test
    void onlyMarkdownAndOnlyFilesAreUsage() throws IOException {
        Run pdf = run(args("export", "INC-3", "--format", "pdf", "--out", "x.pdf"));
        assertThat(pdf.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(pdf.err()).contains("--format: \"pdf\" is not supported; expected md (Markdown)");

        Path dir = Files.createDirectories(tmp.resolve("reports"));
        Run toDir = run(args("export", "INC-3", "--out", dir.toString()));
        assertThat(toDir.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(toDir.err()).contains("--out: " + dir + " is a directory; give a file name, e.g. "
                + dir.resolve("INC-3-postmortem.md"));
        assertThat(run(args("export", "INC-3")).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(openedOn).isEmpty();
    }

    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
