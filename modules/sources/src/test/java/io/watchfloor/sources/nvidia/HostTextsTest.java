package io.watchfloor.sources.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** help-query-gpu, Xid lines, systemctl, df and /proc, from the hand-written samples (see resources/nvidia/README.md). */
class HostTextsTest {
    @Test
    void helpListsFieldsAndAliases() {
        var old = HelpQueryGpu.fields(NvidiaFixtures.resource("help-query-gpu-r418.txt"));
        var current = HelpQueryGpu.fields(NvidiaFixtures.resource("help-query-gpu-r535.txt"));

        assertThat(old).contains("index", "uuid", "gpu_uuid", "pci.bus_id", "clocks.sm", "clocks.current.sm",
                "clocks_throttle_reasons.active", "retired_pages.pending")
                .doesNotContain("clocks_event_reasons.active", "remapped_rows.pending", "YYYY/MM/DD HH:MM:SS.msec",
                        "Not Active");
        assertThat(current).contains("clocks_event_reasons.active", "clocks_throttle_reasons.active",
                "remapped_rows.failure", "mig.mode.current");
    }

    @Test
    void selectAsksOnlyForKnownFieldsAndPrefersTheNewThrottleName() {
        var old = HelpQueryGpu.select(QueryGpuCsv.WANTED,
                HelpQueryGpu.fields(NvidiaFixtures.resource("help-query-gpu-r418.txt")));
        var current = HelpQueryGpu.select(QueryGpuCsv.WANTED,
                HelpQueryGpu.fields(NvidiaFixtures.resource("help-query-gpu-r535.txt")));

        assertThat(old).containsExactly("index", "uuid", "name", "pci.bus_id", "utilization.gpu", "memory.used",
                "memory.total", "temperature.gpu", "power.draw", "clocks.sm", "clocks_throttle_reasons.active",
                "ecc.errors.uncorrected.volatile.total", "retired_pages.pending");
        assertThat(current).contains("clocks_event_reasons.active", "remapped_rows.pending", "remapped_rows.failure",
                "mig.mode.current").doesNotContain("clocks_throttle_reasons.active");
        assertThat(HelpQueryGpu.rejectsField("Field \"remapped_rows.pending\" is not a valid field to query.")).isTrue();
        assertThat(HelpQueryGpu.rejectsField("No devices were found")).isFalse();
    }

    @Test
    void xidFromJournalctl() {
        List<XidEvent> xids = XidLines.parse(NvidiaFixtures.resource("xid-journalctl-short-iso.log"));

        assertThat(xids).extracting(XidEvent::code, XidEvent::pci, XidEvent::pid, XidEvent::process).containsExactly(
                tuple(13, "00000000:3B:00.0", 2210L, "python3"),
                tuple(79, "00000000:3B:00.0", 4412L, "python3"),
                tuple(48, "00000000:86:00.0", null, null),
                tuple(31, "00000000:AF:00.0", null, null));
        assertThat(xids.get(1).at()).isEqualTo(Instant.parse("2026-11-23T10:42:17Z"));
        assertThat(xids.get(1).text()).isEqualTo("GPU has fallen off the bus");
        assertThat(xids.get(0).text()).isEqualTo("Graphics SM Warp Exception on (GPC 0, TPC 1, SM 0): Out Of Range Address");
        assertThat(xids.get(2).text()).startsWith("An uncorrectable double bit error (DBE)");
        assertThat(xids.get(3).text()).startsWith("Ch 00000010, intr 10000000. MMU Fault");
    }

    @Test
    void xidFromDmesgIsoAndWithoutTime() {
        List<XidEvent> xids = XidLines.parse(NvidiaFixtures.resource("xid-dmesg-iso.log"));

        assertThat(xids).extracting(XidEvent::code, XidEvent::pci, XidEvent::at).containsExactly(
                tuple(63, "00000000:3B:00.0", Instant.parse("2026-11-22T03:15:42.118736Z")),
                tuple(79, "00000000:3B:00.0", Instant.parse("2026-11-23T10:42:17.559120Z")),
                tuple(119, "00000000:5E:00.0", Instant.parse("2026-11-23T10:50:01.000004Z")),
                tuple(94, "00000000:AF:00.0", null));
        assertThat(xids.get(2).text()).isEqualTo("Timeout waiting for RPC from GSP!");
        assertThat(xids.get(3).process()).isEqualTo("python3");
        assertThat(XidLines.parse("kernel: nvidia-modeset: Loading NVIDIA Kernel Mode Setting Driver\n")).isEmpty();
    }

    @Test
    void pciAddressesNormaliseToQueryGpuForm() {
        assertThat(SmiValues.pciAddress("0000:3b:00")).isEqualTo("00000000:3B:00.0");
        assertThat(SmiValues.pciAddress("PCI:0000:3b:00")).isEqualTo("00000000:3B:00.0");
        assertThat(SmiValues.pciAddress("00001580:00:00.0")).isEqualTo("00001580:00:00.0");
        assertThat(SmiValues.pciAddress("[N/A]")).isNull();
    }

    @Test
    void systemctlStatesInTheOrderAsked() {
        Map<String, String> states = HostFacts.serviceStates(NvidiaFixtures.resource("systemctl-is-active.txt"),
                List.of("vllm", "tgi", "triton"));

        assertThat(states).containsExactly(Map.entry("vllm", "active"), Map.entry("tgi", "failed"),
                Map.entry("triton", "inactive"));
        assertThat(HostFacts.serviceStates("sh: 1: systemctl: not found\n", List.of("vllm")))
                .containsEntry("vllm", "unknown");
    }

    @Test
    void dfUsePerMountSkippingHeaderAndErrors() {
        assertThat(HostFacts.diskUse(NvidiaFixtures.resource("df-P-k.txt")))
                .extracting(HostFacts.DiskUse::mount, HostFacts.DiskUse::usedPct)
                .containsExactly(tuple("/", 46.0), tuple("/data", 98.0), tuple("/dev/shm", 0.0));
        assertThat(HostFacts.diskUse("Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "//nas/models 100 90 10 90% /mnt/my models\n")).singleElement()
                .isEqualTo(new HostFacts.DiskUse("/mnt/my models", 90.0));
    }

    @Test
    void loadavgAndMeminfo() {
        assertThat(HostFacts.load1("12.50 10.01 9.87 3/1201 44123\n")).hasValue(12.5);
        assertThat(HostFacts.load1("")).isEmpty();
        assertThat(HostFacts.meminfoKib("MemTotal:       1056466132 kB\nMemFree:        12345 kB\n"
                + "MemAvailable:   812345678 kB\nHugePages_Total:       0\n"))
                .containsEntry("MemTotal", 1056466132L).containsEntry("MemAvailable", 812345678L)
                .containsEntry("HugePages_Total", 0L);
    }
}
