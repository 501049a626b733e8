package io.watchfloor.sources.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.config.HostConfig;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKind;
import io.watchfloor.sources.HandClock;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.nvidia.NvidiaFixtures;
import io.watchfloor.ssh.ExecResult;
import io.watchfloor.ssh.SshException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HostFleetSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String H100_LOAD = "query-gpu-H100-80GB-HBM3-driver590.48.01-load.csv";
    private static final String HELP_NEW = NvidiaFixtures.resource("help-query-gpu-r535.txt");
    private static final String TWO_GPU_HEADER = "index, uuid, name, pci.bus_id, utilization.gpu [%], memory.used [MiB], "
            + "memory.total [MiB], clocks_event_reasons.active\n";

    private final HandClock clock = new HandClock(NOW);
    private final FakeSsh ssh = new FakeSsh();

    private static HostConfig host(String id, String... services) {
        return new HostConfig(id, "10.0.0." + id.replaceAll("\\D", ""), 22, "ops", "bastion", null, null,
                List.of(services), List.of(), null, null);
    }

    private HostFleetSource source(Duration timeout, int concurrency, HostConfig... hosts) {
        return new HostFleetSource("ssh-bastion", Duration.ofSeconds(15), timeout, concurrency, List.of(hosts), ssh,
                FakeSsh::route, new SourceContext(clock, Thresholds.DEFAULTS));
    }

    private HostFleetSource source(HostConfig... hosts) {
        return source(Duration.ofSeconds(10), 16, hosts);
    }

    private static Map<String, Reading> byTile(PollResult r) {
        return r.readings().stream().collect(Collectors.toMap(Reading::tileId, x -> x));
    }

    @Test
    void healthyHostFromFixturesThenLearnedFields() throws Exception {
        ssh.stdout("gpu-01", cmd -> {
            FakeSsh.Out out = new FakeSsh.Out();
            if (cmd.contains("--help-query-gpu")) {
                out.section("help", HELP_NEW);
            }
            return out.section("gpu", NvidiaFixtures.shared(H100_LOAD))
                    .section("apps", NvidiaFixtures.shared("query-compute-apps-H100-80GB-HBM3-MIG-driver590.48.01-load.csv"))
                    .section("svc", "active\n").calmHost().toString();
        });
        HostFleetSource source = source(host("gpu-01", "vllm"));

        PollResult first = source.poll();

        assertThat(first.warnings()).isEmpty();
        assertThat(first.requests()).isEqualTo(1);
        Map<String, Reading> tiles = byTile(first);
        assertThat(tiles).containsOnlyKeys("gpu-01/host", "gpu-01/gpu0");
        Reading gpu = tiles.get("gpu-01/gpu0");
        assertThat(gpu.model()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(gpu.key().uuid()).isEqualTo("GPU-00000000-0000-0000-0000-000000000000");
        assertThat(gpu.key().migInstance()).isNull();
        assertThat(gpu.sampledAt()).isEqualTo(NOW);
        assertThat(gpu.metrics()).containsEntry(Metric.UTIL_PCT, 100.0).containsEntry(Metric.MEM_USED_MIB, 19818.0)
                .containsEntry(Metric.XID_LAST, 0.0).containsEntry(Metric.PROCESSES, 3.0)
                .containsEntry(Metric.REMAP_PENDING, 0.0).containsEntry(Metric.ECC_DBE, 0.0);
        assertThat(gpu.flags()).isEmpty();
        assertThat(gpu.notes()).isEmpty();
        Reading host = tiles.get("gpu-01/host");
        assertThat(host.key().kind()).isEqualTo(TileKind.HOST);
        assertThat(host.metrics()).containsEntry(Metric.CPU_PCT, 25.0).containsEntry(Metric.DISK_USED_PCT, 46.0)
                .containsEntry(Metric.SERVICES_DOWN, 0.0).containsKeys(Metric.MEM_TOTAL_MIB, Metric.MEM_USED_MIB);
        assertThat(host.flags()).isEmpty();
        assertThat(host.model()).isEqualTo("1 × NVIDIA H100 80GB HBM3");

        source.poll();

        List<String> sent = ssh.commands.get("gpu-01");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).contains("--help-query-gpu");
        // learned once: the second poll asks for exactly the fields this driver knows
        assertThat(sent.get(1)).doesNotContain("--help-query-gpu")
                .contains("index,uuid,name,pci.bus_id,utilization.gpu,memory.used,memory.total,temperature.gpu,"
                        + "power.draw,clocks.sm,clocks_event_reasons.active,ecc.errors.uncorrected.volatile.total,"
                        + "retired_pages.pending,remapped_rows.pending,remapped_rows.failure,mig.mode.current'\\''");
    }

    @Test
    void migGpuHasNoUtilisationAndNoHeldIdleGuess() throws Exception {
        ssh.stdout("gpu-01", cmd -> new FakeSsh.Out().section("help", HELP_NEW)
                .section("gpu", NvidiaFixtures.shared("query-gpu-H100-80GB-HBM3-MIG-driver590.48.01-load.csv"))
                .section("apps", NvidiaFixtures.shared("query-compute-apps-H100-80GB-HBM3-MIG-driver590.48.01-load.csv"))
                .calmHost().toString());

        Reading gpu = byTile(source(host("gpu-01")).poll()).get("gpu-01/gpu0");

        assertThat(gpu.has(Metric.UTIL_PCT)).isFalse();
        assertThat(gpu.metrics()).containsEntry(Metric.MEM_USED_MIB, 11125.0).doesNotContainKey(Metric.REMAP_PENDING);
        assertThat(gpu.flags()).isEmpty();
        assertThat(gpu.notes()).containsExactly("MIG enabled: no utilisation for the whole GPU");
    }

    @Test
    void xidsMapToTheirGpuByPciAddressWithinTheLastDay() throws Exception {
        String gpus = TWO_GPU_HEADER
                + "0, GPU-a, NVIDIA H100 80GB HBM3, 00000000:3B:00.0, 0, 0, 81559, 0x0000000000000001\n"
                + "1, GPU-b, NVIDIA H100 80GB HBM3, 00000000:5E:00.0, 90, 70000, 81559, 0x0000000000000000\n"
                + "2, GPU-c, NVIDIA H100 80GB HBM3, 00000000:86:00.0, 90, 70000, 81559, 0x0000000000000000\n";
        ssh.stdout("gpu-01", cmd -> new FakeSsh.Out().section("help", HELP_NEW).section("gpu", gpus)
                .section("apps", "").section("xid", NvidiaFixtures.resource("xid-dmesg-iso.log"))
                .section("load", "1.0\n").toString());

        Map<String, Reading> tiles = byTile(source(host("gpu-01")).poll());

        Reading fallen = tiles.get("gpu-01/gpu0");
        assertThat(fallen.metrics()).containsEntry(Metric.XID_LAST, 79.0);
        assertThat(fallen.flags()).containsExactly(Flag.XID);
        assertThat(fallen.notes()).containsExactly("Xid 79 at 10:42 UTC: GPU has fallen off the bus");
        assertThat(tiles.get("gpu-01/gpu1").metrics()).containsEntry(Metric.XID_LAST, 119.0);
        assertThat(tiles.get("gpu-01/gpu1").notes()).containsExactly("Xid 119 at 10:50 UTC: Timeout waiting for RPC from GSP!");
        // the Xid 63 of 2026-11-22 03:15 is older than a day; GPU 2 had none
        assertThat(tiles.get("gpu-01/gpu2").metrics()).containsEntry(Metric.XID_LAST, 0.0);
        assertThat(tiles.get("gpu-01/gpu2").flags()).isEmpty();
    }

    @Test
    void anXidGoesOnlyToItsOwnSlotWhenCardsSitInAdjacentSlots() throws Exception {
        // cloud VMs put GPUs at 00:09.0, 00:0A.0, ...: the device number is what tells them apart
        String gpus = TWO_GPU_HEADER
                + "0, GPU-a, NVIDIA H100 80GB HBM3, 00000000:00:09.0, 0, 0, 81559, 0x0000000000000001\n"
                + "1, GPU-b, NVIDIA H100 80GB HBM3, 00000000:00:0A.0, 90, 70000, 81559, 0x0000000000000000\n";
        ssh.stdout("gpu-01", cmd -> new FakeSsh.Out().section("help", HELP_NEW).section("gpu", gpus)
                .section("apps", "").section("xid", "NVRM: Xid (PCI:0000:00:09): 79, pid=1234, name=python3, "
                        + "GPU has fallen off the bus.\n").section("load", "1.0\n").toString());

        Map<String, Reading> tiles = byTile(source(host("gpu-01")).poll());

        assertThat(tiles.get("gpu-01/gpu0").metrics()).containsEntry(Metric.XID_LAST, 79.0);
        assertThat(tiles.get("gpu-01/gpu1").metrics()).containsEntry(Metric.XID_LAST, 0.0);
        assertThat(tiles.get("gpu-01/gpu1").flags()).doesNotContain(Flag.XID);
    }

    @Test
    void heldIdleNamesTheProcessHoldingTheMemory() throws Exception {
        String gpus = TWO_GPU_HEADER
                + "0, GPU-a, NVIDIA H100 80GB HBM3, 00000000:3B:00.0, 0, 63000, 81559, 0x0000000000000001\n";
        String apps = "gpu_uuid, pid, process_name, used_gpu_memory [MiB]\n"
                + "GPU-a, 4412, /usr/bin/python3, 62668\nGPU-a, 5100, /opt/conda/bin/python, 300\n";
        ssh.stdout("gpu-01", cmd -> new FakeSsh.Out().section("help", HELP_NEW).section("gpu", gpus)
                .section("apps", apps).calmHost().toString());

        Reading gpu = byTile(source(host("gpu-01")).poll()).get("gpu-01/gpu0");

        assertThat(gpu.flags()).containsExactly(Flag.HELD_IDLE);
        assertThat(gpu.metrics()).containsEntry(Metric.PROCESSES, 2.0);
        assertThat(gpu.notes()).containsExactly("held by python3 (pid 4412, 61.2 GiB) and 1 more");
    }

    @Test
    void oldDriverGetsTheOldThrottleNameAndShowsWhy() throws Exception {
        String help = NvidiaFixtures.resource("help-query-gpu-r418.txt");
        ssh.stdout("gpu-07", cmd -> new FakeSsh.Out().section("help", help)
                .section("gpu", NvidiaFixtures.resource("query-gpu-V100-r418-legacy-throttle.csv"))
                .section("apps", "").calmHost().toString());
        HostFleetSource source = source(host("gpu-07"));

        Map<String, Reading> tiles = byTile(source.poll());
        source.poll();

        Reading hot = tiles.get("gpu-07/gpu1");
        assertThat(hot.flags()).containsExactlyInAnyOrder(Flag.THROTTLE, Flag.ECC);
        assertThat(hot.notes()).containsExactly("page retirement pending", "2 uncorrectable ECC errors",
                "HW thermal slowdown");
        assertThat(tiles.get("gpu-07/gpu0").flags()).isEmpty();
        assertThat(ssh.commands.get("gpu-07").get(1)).contains("clocks_throttle_reasons.active")
                .doesNotContain("clocks_event_reasons.active").doesNotContain("remapped_rows");
    }

    @Test
    void unreachableHostBesideAHealthyOne() throws Exception {
        ssh.stdout("gpu-01", cmd -> new FakeSsh.Out().section("help", HELP_NEW)
                .section("gpu", NvidiaFixtures.shared(H100_LOAD)).section("apps", "").calmHost().toString());
        boolean[] down = {false};
        ssh.on("gpu-02", (cmd, timeout) -> {
            if (down[0]) {
                throw new SshException(SshException.Kind.UNREACHABLE,
                        "gpu-02: connection refused by 10.0.0.2:22 (through bastion)", null);
            }
            return new ExecResult(0, new FakeSsh.Out().section("help", HELP_NEW)
                    .section("gpu", NvidiaFixtures.shared(H100_LOAD)).section("apps", "").calmHost().toString(), "");
        });
        HostFleetSource source = source(host("gpu-01"), host("gpu-02"));
        source.poll();
        down[0] = true;

        PollResult r = source.poll();

        assertThat(r.warnings()).containsExactly("gpu-02: connection refused by 10.0.0.2:22 (through bastion)");
        Map<String, Reading> tiles = byTile(r);
        assertThat(tiles.get("gpu-01/gpu0").has(Metric.UTIL_PCT)).isTrue();
        assertThat(tiles.get("gpu-01/host").flags()).isEmpty();
        for (String tile : List.of("gpu-02/host", "gpu-02/gpu0")) {
            assertThat(tiles.get(tile).flags()).containsExactly(Flag.UNREACHABLE);
            assertThat(tiles.get(tile).metrics()).isEmpty();
            assertThat(tiles.get(tile).notes())
                    .containsExactly("unreachable: connection refused by 10.0.0.2:22 (through bastion)");
        }
    }

    @Test
    void nvidiaSmiMissingIsAWarningNotAnUnreachableHost() throws Exception {
        ssh.stdout("gpu-01", cmd -> new FakeSsh.Out().section("gpu", "nvidia-smi: command not found\n", 127)
                .section("svc", "active\nfailed\n").calmHost()
                .section("df", "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                        + "/dev/md0 7501476528 6976373171 150017864 98% /data\n").toString());

        PollResult r = source(host("gpu-01", "vllm", "tgi")).poll();

        assertThat(r.warnings()).containsExactly("gpu-01: nvidia-smi: command not found");
        Reading host = byTile(r).get("gpu-01/host");
        assertThat(r.readings()).hasSize(1);
        assertThat(host.flags()).containsExactlyInAnyOrder(Flag.SERVICE, Flag.DISK);
        assertThat(host.metrics()).containsEntry(Metric.SERVICES_DOWN, 1.0).containsEntry(Metric.DISK_USED_PCT, 98.0);
        assertThat(host.notes()).containsExactly("tgi: failed", "/data 98 % used", "nvidia-smi: command not found");
    }

    @Test
    void aRejectedFieldMakesTheHostLearnAgain() throws Exception {
        int[] n = {0};
        ssh.stdout("gpu-01", cmd -> {
            n[0]++;
            FakeSsh.Out out = new FakeSsh.Out();
            if (n[0] == 2) {
                return out.section("gpu", "Field \"remapped_rows.pending\" is not a valid field to query.\n", 2)
                        .calmHost().toString();
            }
            return out.section("help", HELP_NEW).section("gpu", NvidiaFixtures.shared(H100_LOAD))
                    .section("apps", "").calmHost().toString();
        });
        HostFleetSource source = source(host("gpu-01"));

        source.poll();
        PollResult rejected = source.poll();
        source.poll();

        assertThat(rejected.warnings()).containsExactly(
                "gpu-01: nvidia-smi: Field \"remapped_rows.pending\" is not a valid field to query.");
        assertThat(ssh.commands.get("gpu-01")).extracting(c -> c.contains("--help-query-gpu"))
                .containsExactly(true, false, true);
    }

    @Test
    void driverWithoutQueryGpuFallsBackToXml() throws Exception {
        ssh.stdout("k80", cmd -> {
            FakeSsh.Out out = new FakeSsh.Out();
            if (cmd.contains("--help-query-gpu")) {
                out.section("help", "Unknown option: --help-query-gpu\n", 255);
            }
            return out.section("xml", NvidiaFixtures.shared("q-x-4xTeslaK80-azure-driver430.26-gpus-out-of-minor-order.xml"))
                    .calmHost().toString();
        });
        HostFleetSource source = source(host("k80"));

        PollResult r = source.poll();
        source.poll();

        assertThat(r.warnings()).isEmpty();
        Map<String, Reading> tiles = byTile(r);
        assertThat(tiles).containsKeys("k80/gpu0", "k80/gpu1", "k80/gpu2", "k80/gpu3");
        assertThat(tiles.get("k80/gpu0").metrics()).containsEntry(Metric.UTIL_PCT, 99.0)
                .containsEntry(Metric.PROCESSES, 1.0);
        String second = ssh.commands.get("k80").get(1);
        assertThat(second).contains("-q -x").doesNotContain("--help-query-gpu").doesNotContain("--query-compute-apps");
    }

    @Test
    void aHungHostDoesNotHoldUpTheOthers() throws Exception {
        Queue<String> finished = new ConcurrentLinkedQueue<>();
        CountDownLatch never = new CountDownLatch(1);
        // the executor's own watchdog: gives up on the channel when the timeout passes
        ssh.on("gpu-03", (cmd, timeout) -> {
            if (!never.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                finished.add("gpu-03");
                throw new SshException(SshException.Kind.TIMEOUT, "gpu-03: no answer within 0.4 s", null);
            }
            return new ExecResult(0, "", "");
        });
        // a transport that ignores its timeout altogether: the source stops waiting on its own
        ssh.on("gpu-04", (cmd, timeout) -> {
            never.await();
            return new ExecResult(0, "", "");
        });
        for (String h : List.of("gpu-01", "gpu-02")) {
            ssh.on(h, (cmd, timeout) -> {
                finished.add(h);
                return new ExecResult(0, new FakeSsh.Out().section("help", HELP_NEW)
                        .section("gpu", NvidiaFixtures.shared(H100_LOAD)).section("apps", "").calmHost().toString(), "");
            });
        }
        HostFleetSource source = source(Duration.ofMillis(400), 4, host("gpu-03"), host("gpu-04"), host("gpu-01"),
                host("gpu-02"));

        long start = System.nanoTime();
        PollResult r = source.poll();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofMillis(400).plusSeconds(3));
        assertThat(finished).containsExactlyInAnyOrder("gpu-01", "gpu-02", "gpu-03");
        assertThat(finished.peek()).isNotEqualTo("gpu-03"); // the healthy hosts answered first
        Map<String, Reading> tiles = byTile(r);
        assertThat(tiles.get("gpu-01/gpu0").flags()).isEmpty();
        assertThat(tiles.get("gpu-02/gpu0").flags()).isEmpty();
        assertThat(tiles.get("gpu-03/host").notes()).containsExactly("unreachable: no answer within 0.4 s");
        assertThat(tiles.get("gpu-04/host").flags()).containsExactly(Flag.UNREACHABLE);
        assertThat(tiles.get("gpu-04/host").notes()).containsExactly("unreachable: no answer within 400 ms");
        assertThat(r.warnings()).containsExactlyInAnyOrder("gpu-03: no answer within 0.4 s",
                "gpu-04: no answer within 400 ms");
        source.close();
    }

    @Test
    void hostsInALaterWaveGetTheTransportsConnectAllowanceToo() throws Exception {
        // Connecting (bastion, target, handshakes) takes 2.2 s per host, the command itself almost nothing; the
        // transport says connecting may take up to 1 s x 2. With one host at a time the second wave would be cut
        // off by a budget of timeout + grace alone (2 x 2.1 s < 2 x 2.2 s).
        ssh.setupAllowance = Duration.ofSeconds(2);
        CountDownLatch never = new CountDownLatch(1);
        for (String h : List.of("gpu-01", "gpu-02")) {
            ssh.on(h, (cmd, timeout) -> {
                assertThat(never.await(2200, TimeUnit.MILLISECONDS)).isFalse(); // a slow connect
                return new ExecResult(0, new FakeSsh.Out().section("help", HELP_NEW)
                        .section("gpu", NvidiaFixtures.shared(H100_LOAD)).section("apps", "").calmHost().toString(), "");
            });
        }
        HostFleetSource source = source(Duration.ofMillis(100), 1, host("gpu-01"), host("gpu-02"));

        assertThat(source.hostBudget()).isEqualTo(Duration.ofMillis(4100));
        assertThat(source.cycleBudget()).as("two waves of one host").isEqualTo(Duration.ofMillis(8200));
        PollResult r = source.poll();

        assertThat(r.warnings()).isEmpty();
        assertThat(byTile(r).get("gpu-02/gpu0").flags()).isEmpty();
        source.close();
    }

    @Test
    void aHostCutOffSaysWhereItWasStuck() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ssh.on("gpu-05", (cmd, timeout) -> {
            ssh.stages.get("gpu-05").accept("connecting to bastion 10.0.0.1:22");
            never.await();
            return new ExecResult(0, "", "");
        });
        ssh.on("gpu-06", (cmd, timeout) -> {
            never.await();
            return new ExecResult(0, "", "");
        });
        HostFleetSource source = source(Duration.ofMillis(100), 1, host("gpu-05"), host("gpu-06"));

        PollResult r = source.poll();

        assertThat(r.warnings()).containsExactly(
                "gpu-05: no answer within 100 ms (stuck connecting to bastion 10.0.0.1:22)",
                "gpu-06: no answer within 100 ms (stuck waiting for a free poll slot)");
        source.close();
    }

    @Test
    void aClosedTransportFailsThePoll() {
        ssh.on("gpu-01", (cmd, timeout) -> {
            throw new SshException(SshException.Kind.CLOSED, "SSH sessions are closed", null);
        });

        assertThatThrownBy(() -> source(host("gpu-01")).poll()).isInstanceOf(SourceException.class)
                .hasMessage("SSH sessions are closed");
    }
}
