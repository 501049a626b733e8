package io.watchfloor.sources.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.HostConfig;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.nvidia.HelpQueryGpu;
import io.watchfloor.sources.nvidia.NvidiaFixtures;
import io.watchfloor.sources.nvidia.QueryGpuCsv;
import io.watchfloor.sources.ssh.HostScript.GpuQuery;
import io.watchfloor.sources.ssh.HostScript.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The poll script under a real /bin/sh, with nvidia-smi, journalctl and systemctl stand-ins on the PATH. */
@DisabledOnOs(OS.WINDOWS)
class HostScriptShellTest {
    @TempDir
    Path dir;

    private Path bin() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("help.txt"), NvidiaFixtures.resource("help-query-gpu-r535.txt"));
        Files.writeString(dir.resolve("gpu.csv"),
                NvidiaFixtures.shared("query-gpu-H100-80GB-HBM3-driver590.48.01-load.csv"));
        Files.writeString(dir.resolve("xid.log"), NvidiaFixtures.resource("xid-journalctl-short-iso.log"));
        script(bin.resolve("nvidia-smi"), "case \"$1\" in\n"
                + "  --help-query-gpu) cat '" + dir.resolve("help.txt") + "' ;;\n"
                + "  --query-gpu=*) printf '%s\\n' \"$1\" > '" + dir.resolve("asked") + "'; cat '" + dir.resolve("gpu.csv") + "' ;;\n"
                + "  --query-compute-apps=*) echo 'gpu_uuid, pid, process_name, used_gpu_memory [MiB]' ;;\n"
                + "  *) echo \"unexpected: $*\" >&2; exit 2 ;;\n"
                + "esac\n");
        script(bin.resolve("journalctl"), "cat '" + dir.resolve("xid.log") + "'\n");
        script(bin.resolve("systemctl"), "shift; for u in \"$@\"; do [ \"$u\" = vllm ] && echo active || echo failed; done\n"
                + "exit 3\n");
        return bin;
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String run(String command, Path bin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(false);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin:/usr/sbin:/sbin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }

    @Test
    void learnsFieldsInTheShellAsJavaWouldAndFramesEveryCommand() throws Exception {
        HostConfig host = new HostConfig("gpu-01", "10.0.0.11", 22, "ops", null, null, null,
                List.of("vllm", "tgi's unit"), List.of("/"), null, null);
        Path bin = bin();

        Map<String, Section> sections = HostScript.sections(run(HostScript.build(host, new GpuQuery.Learn()), bin));

        List<String> expected = HelpQueryGpu.select(QueryGpuCsv.WANTED,
                HelpQueryGpu.fields(NvidiaFixtures.resource("help-query-gpu-r535.txt")));
        assertThat(Files.readString(dir.resolve("asked")).strip()).isEqualTo("--query-gpu=" + String.join(",", expected));
        assertThat(sections).containsKeys("help", "gpu", "apps", "xid", "svc", "df", "load", "cpus", "mem");
        assertThat(sections.get("gpu").rc()).isZero();
        assertThat(sections.get("svc").text()).isEqualTo("active\nfailed\n");

        HostReport report = HostReport.read(host, "ssh-direct", sections, new GpuQuery.Learn(),
                Instant.parse("2026-11-23T12:00:00Z"), Thresholds.DEFAULTS);
        assertThat(report.next()).isEqualTo(new GpuQuery.Fields(expected));
        Reading hostTile = report.readings().getFirst();
        assertThat(hostTile.notes()).contains("tgi's unit: failed");
        assertThat(hostTile.metrics()).containsKeys(Metric.DISK_USED_PCT, Metric.SERVICES_DOWN);
        assertThat(report.readings()).hasSize(2);
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void missingNvidiaSmiIsItsOwnSection() throws Exception {
        HostConfig host = new HostConfig("gpu-02", "10.0.0.12", 22, "ops", null, null, null, List.of(), List.of(),
                "/opt/none/nvidia-smi", null);

        Map<String, Section> sections = HostScript.sections(run(HostScript.build(host, new GpuQuery.Learn()), bin()));

        assertThat(sections.get("gpu").rc()).isEqualTo(127);
        assertThat(sections.get("gpu").firstLine()).isEqualTo("/opt/none/nvidia-smi: command not found");
        assertThat(sections).containsKeys("xid", "df", "load").doesNotContainKey("help");
    }
}
