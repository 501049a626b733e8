package io.watchfloor.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** check-config reads the runbooks the console would use, so a broken one is found before an incident needs it. */
class CheckConfigRunbooksTest {
    @TempDir
    Path dir;

    private int run(Path config, StringWriter out) {
        CommandLine cl = new CommandLine(new WatchfloorCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute("check-config", config.toString());
    }

    @Test
    void bundledRunbooksAreCountedAndValid() throws Exception {
        Path config = Files.writeString(dir.resolve("w.yaml"), "sources:\n  - {id: d, type: demo}\n");
        StringWriter out = new StringWriter();

        assertThat(run(config, out)).isEqualTo(0);
        assertThat(out.toString()).containsPattern("OK, 1 source, \\d+ runbooks");
    }

    @Test
    void aBrokenTeamRunbookIsAProblemWithItsFileAndLine() throws Exception {
        Path books = Files.createDirectory(dir.resolve("runbooks"));
        Files.writeString(books.resolve("disk.yaml"), "id: disk\ntitle: Disk full\nsteps:\n  remedation:\n"
                + "    - {id: clean, text: Free space}\n");
        Path config = Files.writeString(dir.resolve("w.yaml"), "sources:\n  - {id: d, type: demo}\n"
                + "incidents: {runbooks: runbooks}\n");
        StringWriter out = new StringWriter();

        assertThat(run(config, out)).isEqualTo(2);
        assertThat(out.toString()).contains("disk.yaml:4").contains("remedation");
    }
}
