package io.watchfloor.app.ui.access;

import io.watchfloor.access.ShellService;
import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A wall of SSH-polled hosts: gpu-01 unreachable through the bastion (its GPUs' last values going stale), gpu-02 with
 * every health flag and its notes, gpu-03 healthy.
 */
final class SshWallFixtures {
    static final Instant NOW = FakeShells.T0;
    static final String UNREACHABLE_NOTE = "unreachable: connection refused by 10.0.0.11:22 through bastion";

    private SshWallFixtures() {
    }

    static WallSnapshot snapshot() {
        List<Reading> out = new ArrayList<>();
        Instant lastGood = NOW.minusSeconds(140);
        out.add(new Reading(TileKey.host("gpu-01"), null, "ssh-dc1", NOW, Map.of(), Set.of(Flag.UNREACHABLE),
                List.of(UNREACHABLE_NOTE)));
        for (int g = 0; g < 4; g++) {
            out.add(gpu("gpu-01", g, lastGood, 55.0 + 5 * g, Set.of(), List.of()));
        }
        out.add(new Reading(TileKey.host("gpu-02"), null, "ssh-dc1", NOW, Map.of(Metric.CPU_PCT, 38.0,
                Metric.DISK_USED_PCT, 97.0), Set.of(Flag.DISK, Flag.SERVICE),
                List.of("vllm-llama.service is failed", "/data 97% full (12 GiB free)")));
        out.add(gpu("gpu-02", 0, NOW, 0.0, Set.of(Flag.XID), List.of("Xid 79: GPU has fallen off the bus (2 min ago)")));
        out.add(gpu("gpu-02", 1, NOW, 71.0, Set.of(Flag.ECC),
                List.of("ECC: 3 uncorrectable, row remap pending", "retired pages pending: 2")));
        out.add(gpu("gpu-02", 2, NOW, 88.0, Set.of(Flag.THROTTLE), List.of("throttled: HW slowdown, power brake")));
        out.add(gpu("gpu-02", 3, NOW, 0.0, Set.of(Flag.HELD_IDLE),
                List.of("held by python3 (pid 4412, 61.2 GiB) at 0% util for 42 min")));
        out.add(new Reading(TileKey.host("gpu-03"), null, "ssh-dc1", NOW, Map.of(Metric.CPU_PCT, 22.0,
                Metric.DISK_USED_PCT, 41.0), Set.of()));
        for (int g = 0; g < 4; g++) {
            out.add(gpu("gpu-03", g, NOW, 62.0 + 6 * g, Set.of(), List.of()));
        }
        SourceStatus ssh = new SourceStatus("ssh-dc1", "ssh", SourceState.DEGRADED, NOW.minusSeconds(140),
                "1 of 3 hosts unreachable (gpu-01)", NOW, NOW, 0, Duration.ofSeconds(10), null);
        return new WallSnapshot(NOW, List.of(ssh), out, Map.of());
    }

    private static Reading gpu(String host, int g, Instant at, double util, Set<Flag> flags, List<String> notes) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.UTIL_PCT, util);
        m.put(Metric.TEMP_C, 52.0 + 4 * g);
        m.put(Metric.POWER_W, 180.0 + 90 * g);
        m.put(Metric.MEM_USED_MIB, flags.contains(Flag.HELD_IDLE) ? 62700.0 : 20000.0 + 9000 * g);
        m.put(Metric.MEM_TOTAL_MIB, 81559.0);
        if (flags.contains(Flag.XID)) {
            m.put(Metric.XID_LAST, 79.0);
        }
        return new Reading(TileKey.gpu(host, String.valueOf(g), "GPU-" + host + "-" + g, null), "NVIDIA H100 80GB HBM3",
                "ssh-dc1", at, m, flags, notes);
    }

    static ViewContext context(WallSnapshot snapshot, ShellService shells) {
        WatchfloorConfig config = new WatchfloorConfig(Path.of("test.yaml"), List.of(), WallConfig.DEFAULTS,
                CacheConfig.DEFAULTS);
        return new ViewContext(config, Clock.fixed(NOW, ZoneOffset.UTC), () -> snapshot, l -> () -> { },
                FxExecutor.FX, () -> io.watchfloor.model.endpoint.SlaBoard.empty(NOW)).withShells(shells);
    }
}
