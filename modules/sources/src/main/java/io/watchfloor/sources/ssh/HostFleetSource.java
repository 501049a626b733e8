package io.watchfloor.sources.ssh;

import io.watchfloor.config.HostConfig;
import io.watchfloor.model.Flag;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.TileKey;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.ssh.HostScript.GpuQuery;
import io.watchfloor.ssh.ExecResult;
import io.watchfloor.ssh.SshException;
import io.watchfloor.ssh.SshExecutor;
import io.watchfloor.ssh.SshRoute;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The GPU hosts behind one bastion ({@code type: ssh}), polled with one SSH exec per host per cycle: a small sh
 * script that runs nvidia-smi (query-gpu, compute-apps), reads the last day's Xids, systemctl is-active, df,
 * loadavg and meminfo ({@link HostScript}). Hosts run in parallel, at most {@code concurrency} at once.
 *
 * <p>A host that fails does not fail the cycle: its tiles say UNREACHABLE with the error, the source gets a
 * warning and shows DEGRADED. Only a closed transport (the console stopping) fails the poll.
 */
public final class HostFleetSource implements Source {
    public static final String TYPE = "ssh";
    /** How long past the exec timeout and the transport's setup allowance a host may take before we stop waiting. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final String id;
    private final Duration interval;
    private final Duration timeout;
    private final int concurrency;
    private final List<HostConfig> hosts;
    private final SshExecutor ssh;
    private final Function<HostConfig, SshRoute> routes;
    private final SourceContext context;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** Per host: how its nvidia-smi is queried (learned once), and its GPU tiles from the last good cycle. */
    private final Map<String, GpuQuery> queries = new ConcurrentHashMap<>();
    private final Map<String, List<Reading>> lastGpus = new ConcurrentHashMap<>();

    public HostFleetSource(String id, Duration interval, Duration timeout, int concurrency, List<HostConfig> hosts,
                           SshExecutor ssh, Function<HostConfig, SshRoute> routes, SourceContext context) {
        this.id = Objects.requireNonNull(id, "id");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.concurrency = Math.max(1, concurrency);
        this.hosts = List.copyOf(hosts);
        this.ssh = Objects.requireNonNull(ssh, "ssh");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    public List<HostConfig> hosts() {
        return hosts;
    }

    /** One host's command timeout (connecting may take the transport's setup allowance on top). */
    public Duration timeout() {
        return timeout;
    }

    /** Hosts polled at the same time. */
    public int concurrency() {
        return concurrency;
    }

    @Override
    public PollResult poll() throws SourceException {
        Semaphore slots = new Semaphore(concurrency);
        Map<HostConfig, Future<HostReport>> running = new LinkedHashMap<>();
        // what each host's poll is doing, for the message when we stop waiting; null when not known
        Map<String, AtomicReference<String>> stages = new ConcurrentHashMap<>();
        for (HostConfig host : hosts) {
            AtomicReference<String> stage = new AtomicReference<>("waiting for a free poll slot");
            stages.put(host.id(), stage);
            running.put(host, workers.submit(() -> {
                slots.acquire();
                stage.set(null);
                try {
                    return pollHost(host, stage);
                } finally {
                    slots.release();
                }
            }));
        }
        long deadline = System.nanoTime() + cycleBudget().toNanos();
        List<Reading> readings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        SourceException closed = null;
        Map<String, String> stuck = null;
        for (Map.Entry<HostConfig, Future<HostReport>> e : running.entrySet()) {
            HostConfig host = e.getKey();
            HostReport report;
            try {
                report = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | CancellationException t) {
                if (stuck == null) {
                    // The cycle is over for every host still running: note where each was before cancelling any
                    // (a cancelled host frees its slot, and a queued one would start and change its stage).
                    stuck = new java.util.HashMap<>();
                    for (Map.Entry<HostConfig, Future<HostReport>> other : running.entrySet()) {
                        String at = stages.get(other.getKey().id()).get();
                        stuck.put(other.getKey().id(), at == null ? "" : " (stuck " + at + ")");
                    }
                    running.values().stream().filter(f -> !f.isDone()).forEach(f -> f.cancel(true));
                }
                report = unreachable(host, "no answer within " + seconds(timeout) + stuck.get(host.id()));
            } catch (ExecutionException x) {
                if (x.getCause() instanceof SshException s && s.kind() == SshException.Kind.CLOSED) {
                    closed = new SourceException(SourceException.Kind.UNREACHABLE, s.getMessage(), s);
                    continue;
                }
                report = unreachable(host, x.getCause() instanceof SshException s ? s.getMessage()
                        : "poll failed: " + x.getCause());
            } catch (InterruptedException i) {
                running.values().forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new SourceException(SourceException.Kind.TIMEOUT, "polling " + id + " was interrupted", i);
            }
            readings.addAll(report.readings());
            warnings.addAll(report.warnings());
        }
        if (closed != null) {
            throw closed;
        }
        return new PollResult(readings, warnings, hosts.size());
    }

    /**
     * How long one cycle may take before this source stops waiting and reports the hosts still out as cut off: queued
     * hosts start only when a slot frees, so a host's whole budget per wave of {@code concurrency} hosts. The engine's
     * watchdog for this source must be longer, or it would cut the cycle before the hosts' own messages are made.
     */
    public Duration cycleBudget() {
        int waves = (hosts.size() + concurrency - 1) / concurrency;
        return hostBudget().multipliedBy(Math.max(1, waves));
    }

    /** How long one host may take before this source stops waiting: run + connect allowance + grace. */
    Duration hostBudget() {
        return timeout.plus(ssh.setupAllowance()).plus(GRACE);
    }

    private HostReport pollHost(HostConfig host, AtomicReference<String> stage)
            throws SshException, InterruptedException {
        GpuQuery query = queries.getOrDefault(host.id(), new GpuQuery.Learn());
        ExecResult result = ssh.exec(routes.apply(host), HostScript.build(host, query), timeout, stage::set);
        stage.set("reading the answer");
        Instant now = context.clock().instant();
        Map<String, HostScript.Section> sections = HostScript.sections(result.stdout());
        if (sections.isEmpty()) {
            String why = result.stderr() == null || result.stderr().isBlank() ? "no output"
                    : result.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
            return unreachable(host, "poll script failed (exit " + result.exitCode() + "): " + why);
        }
        HostReport report = HostReport.read(host, id, sections, query, now, context.thresholds());
        queries.put(host.id(), report.next());
        List<Reading> gpus = report.readings().stream().filter(r -> r.key().gpu() != null).toList();
        if (!gpus.isEmpty()) {
            lastGpus.put(host.id(), gpus);
        }
        return report;
    }

    /** The host tile, and the GPU tiles it had, say UNREACHABLE with the error. */
    private HostReport unreachable(HostConfig host, String message) {
        String why = withoutHost(host.id(), message);
        Instant now = context.clock().instant();
        List<String> notes = List.of("unreachable: " + why);
        List<Reading> readings = new ArrayList<>();
        readings.add(new Reading(TileKey.host(host.id()), null, id, now, Map.of(), Set.of(Flag.UNREACHABLE), notes));
        for (Reading gpu : lastGpus.getOrDefault(host.id(), List.of())) {
            readings.add(new Reading(gpu.key(), gpu.model(), id, now, Map.of(), Set.of(Flag.UNREACHABLE), notes));
        }
        return new HostReport(readings, List.of(host.id() + ": " + why),
                queries.getOrDefault(host.id(), new GpuQuery.Learn()));
    }

    /** The transport's messages may start with the host id; the tile and the warning add it once. */
    private static String withoutHost(String hostId, String message) {
        String m = message == null || message.isBlank() ? "no reason given" : message.strip();
        return m.startsWith(hostId + ": ") ? m.substring(hostId.length() + 2) : m;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
