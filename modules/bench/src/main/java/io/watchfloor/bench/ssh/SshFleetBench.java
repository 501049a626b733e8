package io.watchfloor.bench.ssh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.watchfloor.config.BastionConfig;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.HostConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.Flag;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKind;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.ssh.HostFleetSource;
import io.watchfloor.sources.ssh.HostFleetSources;
import io.watchfloor.access.HostRoutes;
import io.watchfloor.ssh.ExecResult;
import io.watchfloor.ssh.HostKeyEvents;
import io.watchfloor.ssh.SshException;
import io.watchfloor.ssh.SshSessions;
import io.watchfloor.ssh.SshSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 5's polling benchmark, Watchfloor side: the hosts of an e2e/sshrig.py rig (N ports of one sshd, all behind
 * one bastion) polled the way the console polls them, in the same run as e2e/ssh_bench.py's OpenSSH loops.
 *
 * <pre>java -cp BENCH_JAR io.watchfloor.bench.ssh.SshFleetBench --rig DIR [--cycles 3] [--concurrency 16]</pre>
 *
 * Prints one JSON object: {@code cold_s} (the first cycle: bastion session, every target session through it),
 * {@code cycles_s} and {@code cycle_s} (median of the warm cycles of the full host poll: nvidia-smi query, compute
 * apps, Xid lines, services, df in one exec per host), and {@code exec_cycle_s} (median warm cycle of only the
 * OpenSSH loop's command, for a like-for-like ratio), and {@code client_cpu_s_per_cycle} (CPU seconds this process
 * spent per full cycle). Every host must answer with GPU tiles, or it counts as an error.
 */
public final class SshFleetBench {
    private static final String FIELDS = "index,uuid,name,pci.bus_id,temperature.gpu,utilization.gpu,"
            + "utilization.memory,memory.used,memory.total,power.draw,clocks.current.sm,pstate,"
            + "ecc.errors.corrected.volatile.total,ecc.errors.uncorrected.volatile.total,remapped_rows.pending,"
            + "remapped_rows.failure,clocks_event_reasons.active";
    private static final String COMMAND = "nvidia-smi --query-gpu=" + FIELDS + " --format=csv,noheader,nounits";

    private SshFleetBench() {
    }

    public static void main(String[] args) throws Exception {
        Path rig = null;
        int cycles = 3;
        int concurrency = BastionConfig.DEFAULT_CONCURRENCY;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rig" -> rig = Path.of(args[++i]);
                case "--cycles" -> cycles = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --rig DIR [--cycles N] [--concurrency N]");
            }
        }
        if (rig == null) {
            throw new IllegalArgumentException("usage: --rig DIR [--cycles N] [--concurrency N]");
        }
        RigInfo info = RigInfo.read(rig.resolve("rig.json"));
        BastionConfig bastion = new BastionConfig("bastion", "127.0.0.1", info.bastionPort, info.user,
                info.operatorKey, info.knownHosts, Duration.ofSeconds(10), Duration.ofSeconds(8), concurrency, null);
        List<HostConfig> hosts = new ArrayList<>();
        info.hosts.forEach((id, port) -> hosts.add(new HostConfig(id, "127.0.0.1", port, info.user, "bastion",
                info.operatorKey, info.knownHosts, List.of("vllm"), List.of("/"), null, null)));
        WatchfloorConfig config = new WatchfloorConfig(Path.of("<bench>"), List.of(), WallConfig.DEFAULTS,
                CacheConfig.DEFAULTS, List.of(), List.of(), io.watchfloor.config.IncidentsConfig.DEFAULTS, List.of(),
                List.of(), List.of(), List.of(bastion), hosts, null);
        SourceContext context = new SourceContext(Clock.systemUTC(), WallConfig.DEFAULTS.thresholds());
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("hosts", hosts.size());
        out.put("concurrency", concurrency);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        warmHostTools(config, hosts.getFirst(), context);
        try (SshSessions ssh = new SshSessions(SshSettings.DEFAULTS, HostKeyEvents.NONE)) {
            HostFleetSource fleet = HostFleetSources.create(config, ssh, h -> HostRoutes.poll(config, h), context)
                    .getFirst();
            AtomicInteger errors = new AtomicInteger();
            out.put("cold_s", seconds(() -> check(fleet.poll(), hosts.size(), errors)));
            List<Double> full = new ArrayList<>();
            long cpu0 = processCpuNanos();
            double machine0 = machineCpuSeconds();
            for (int i = 0; i < cycles; i++) {
                full.add(seconds(() -> check(fleet.poll(), hosts.size(), errors)));
            }
            // what the console itself spends (JSch crypto, parsing), and what the whole machine spent: the rest is
            // the simulated hosts (sshd sessions, the poll script's processes), which share these cores here
            double client = (processCpuNanos() - cpu0) / 1e9 / cycles;
            out.put("client_cpu_s_per_cycle", client);
            out.put("machine_cpu_s_per_cycle", (machineCpuSeconds() - machine0) / cycles);
            List<Double> exec = new ArrayList<>();
            int lanes = concurrency;
            for (int i = 0; i < cycles; i++) {
                exec.add(seconds(() -> execCycle(ssh, config, hosts, lanes, errors)));
            }
            out.put("cycles_s", full);
            out.put("cycle_s", median(full));
            out.put("exec_cycles_s", exec);
            out.put("exec_cycle_s", median(exec));
            out.put("connections_opened", ssh.connectionsOpened());
            out.put("errors", errors.get());
            fleet.close();
        }
        try (JsonGenerator json = new JsonFactory().createGenerator(System.out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            for (Map.Entry<String, Object> e : out.entrySet()) {
                json.writeFieldName(e.getKey());
                if (e.getValue() instanceof List<?> l) {
                    json.writeStartArray();
                    for (Object o : l) {
                        json.writeNumber(round((Double) o));
                    }
                    json.writeEndArray();
                } else if (e.getValue() instanceof Double d) {
                    json.writeNumber(round(d));
                } else {
                    json.writeNumber(((Number) e.getValue()).longValue());
                }
            }
            json.writeEndObject();
        }
        System.out.println();
    }

    /**
     * One poll of one host on a transport of its own, before anything is measured: the rig's simulated hosts share one
     * answer cache for their tools, so this fills it once instead of 100 hosts running the Python fakes at the same
     * moment on the cores the client is measured on. The measured cold cycle still opens every session itself.
     */
    private static void warmHostTools(WatchfloorConfig config, HostConfig first, SourceContext context)
            throws Exception {
        WatchfloorConfig one = new WatchfloorConfig(config.file(), List.of(), config.wall(), config.cache(), List.of(),
                List.of(), config.incidents(), List.of(), List.of(), List.of(), config.bastions(), List.of(first), null);
        try (SshSessions ssh = new SshSessions(SshSettings.DEFAULTS, HostKeyEvents.NONE)) {
            HostFleetSource fleet = HostFleetSources.create(one, ssh, h -> HostRoutes.poll(one, h), context).getFirst();
            fleet.poll();
            ssh.exec(HostRoutes.poll(one, first), COMMAND, Duration.ofSeconds(30));
            fleet.close();
        }
    }

    /** A cycle counts only if every host gave GPU tiles and none is unreachable. */
    private static void check(PollResult result, int hosts, AtomicInteger errors) {
        long reached = result.readings().stream()
                .filter(r -> r.key().kind() == TileKind.HOST && !r.flags().contains(Flag.UNREACHABLE)).count();
        long withGpus = result.readings().stream().filter(r -> r.key().kind() == TileKind.GPU)
                .map(Reading::tileId).map(id -> id.substring(0, id.indexOf('/'))).distinct().count();
        if (reached != hosts || withGpus != hosts) {
            errors.addAndGet((int) (hosts - Math.min(reached, withGpus)));
            result.warnings().stream().limit(3).forEach(w -> System.err.println("warning: " + w));
        }
    }

    /** The OpenSSH loop's command on every host over the pooled sessions, bounded like the fleet source. */
    private static void execCycle(SshSessions ssh, WatchfloorConfig config, List<HostConfig> hosts, int concurrency,
                                  AtomicInteger errors) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<ExecResult>> runs = new ArrayList<>();
            for (HostConfig h : hosts) {
                runs.add(pool.submit(() -> ssh.exec(HostRoutes.poll(config, h), COMMAND, Duration.ofSeconds(8))));
            }
            for (Future<ExecResult> f : runs) {
                try {
                    ExecResult r = f.get();
                    if (r.exitCode() != 0 || r.stdout().lines().count() < 1) {
                        errors.incrementAndGet();
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    errors.incrementAndGet();
                    if (e.getCause() instanceof SshException s) {
                        System.err.println("exec: " + s.getMessage());
                    }
                }
            }
        }
    }

    /** CPU time of every process on the machine (Linux /proc/stat, 100 ticks a second); NaN elsewhere. */
    private static double machineCpuSeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait are not work
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private interface Cycle {
        void run() throws Exception;
    }

    private static double seconds(Cycle cycle) throws Exception {
        long t0 = System.nanoTime();
        cycle.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The parts of rig.json the benchmark needs. */
    private record RigInfo(String user, int bastionPort, Path operatorKey, Path knownHosts, Map<String, Integer> hosts) {
        static RigInfo read(Path file) throws IOException {
            String user = null;
            int bastionPort = 0;
            Path key = null;
            Path known = null;
            Map<String, Integer> hosts = new java.util.LinkedHashMap<>();
            try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory().createParser(in)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "user" -> user = p.getText();
                        case "operator_key" -> key = Path.of(p.getText());
                        case "known_hosts" -> known = Path.of(p.getText());
                        case "bastion" -> bastionPort = (int) object(p).get("port");
                        case "bench_hosts" -> {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                Map<String, Object> h = fields(p);
                                hosts.put((String) h.get("id"), (int) h.get("port"));
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            }
            if (hosts.isEmpty()) {
                throw new IOException(file + " lists no bench_hosts; start the rig with --bench-hosts N");
            }
            return new RigInfo(user, bastionPort, key, known, hosts);
        }

        private static Map<String, Object> object(JsonParser p) throws IOException {
            return fields(p);
        }

        /** Scalar fields of the object the parser stands on; nested values skipped. */
        private static Map<String, Object> fields(JsonParser p) throws IOException {
            Map<String, Object> m = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String n = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    m.put(n, p.getIntValue());
                } else if (t == JsonToken.VALUE_STRING) {
                    m.put(n, p.getText());
                } else {
                    p.skipChildren();
                }
            }
            return m;
        }
    }
}
