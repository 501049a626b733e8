package io.watchfloor.sources.local;

import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.TileKey;
import io.watchfloor.sources.SourceContext;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * This machine itself ({@code type: local}): one HOST tile with CPU, memory and disk, plus a tile per GPU
 * when nvidia-smi is installed. A failing or hung nvidia-smi never costs the host tile: it becomes a
 * warning (the source shows DEGRADED) while the host metrics still arrive.
 */
public final class LocalMachineSource implements Source {
    private final String id;
    private final Duration interval;
    private final Duration gpuTimeout;
    private final String hostname;
    private final HostProbe probe;
    private final NvidiaSmiRunner nvidiaSmi;
    private final SourceContext context;

    /**
     * @param timeout the source's timeout; nvidia-smi gets 80% of it so that the host tile still arrives
     *                before the engine's watchdog gives up on the whole poll
     */
    public LocalMachineSource(String id, Duration interval, Duration timeout, LocalOptions options, SourceContext context) {
        this(id, interval, timeout.multipliedBy(4).dividedBy(5), localHostName(),
                HostProbe.forThisMachine(Path.of(options.disk())),
                options.gpus() ? new NvidiaSmiRunner(options.nvidiaSmi(), options.nvidiaSmiNamed()) : null, context);
    }

    /** For tests: fake /proc files and a fake nvidia-smi; {@code nvidiaSmi} null means {@code gpus: off}. */
    LocalMachineSource(String id, Duration interval, Duration gpuTimeout, String hostname, HostProbe probe,
                       NvidiaSmiRunner nvidiaSmi, SourceContext context) {
        this.id = Objects.requireNonNull(id, "id");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.gpuTimeout = Objects.requireNonNull(gpuTimeout, "gpuTimeout");
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.nvidiaSmi = nvidiaSmi;
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return LocalSourceProvider.TYPE;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    public String hostname() {
        return hostname;
    }

    @Override
    public PollResult poll() {
        List<String> warnings = new ArrayList<>();
        Instant hostAt = context.clock().instant();
        Map<Metric, Double> host = probe.sample(warnings);
        List<Reading> readings = new ArrayList<>();
        readings.add(new Reading(TileKey.host(hostname), null, id, hostAt, host, Set.of()));
        int runs = 0;
        if (nvidiaSmi != null) {
            try {
                Optional<NvidiaSmiRunner.Output> out = nvidiaSmi.query(gpuTimeout);
                if (out.isPresent()) {
                    runs = out.get().runs();
                    // stamped when nvidia-smi answered, which can be a good while after the host sample
                    Instant gpuAt = context.clock().instant();
                    List<NvidiaSmiCsv.Gpu> gpus = NvidiaSmiCsv.parse(out.get().csv(), out.get().fields());
                    if (gpus.isEmpty() && !out.get().csv().isBlank()) {
                        warnings.add("nvidia-smi: no GPU rows in its output");
                    }
                    gpus.forEach(g -> readings.add(g.toReading(hostname, id, gpuAt, context.thresholds())));
                }
            } catch (NvidiaSmiException e) {
                runs = e.runs();
                warnings.add("nvidia-smi: " + e.getMessage());
            }
        }
        return new PollResult(readings, warnings, runs);
    }

    /** The kernel's name for this machine; without procfs, the JDK's (which may ask DNS, hence last). */
    static String localHostName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException ignored) {
            // fall through to the next way of asking
        }
        String env = Optional.ofNullable(System.getenv("COMPUTERNAME")).orElse(System.getenv("HOSTNAME"));
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
