package io.watchfloor.sources.demo;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.sources.SourceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A simulated GPU fleet ({@code type: demo}): one command shows a living wall with no infrastructure.
 * Hosts are named {@code demo-gpu-01}...; values move smoothly with the context's clock and are fully
 * determined by seed and instant. One GPU each runs hot, reports Xid 79, holds memory while idle, is
 * thermally throttled and has no temperature reading; with two or more hosts the last GPU of the last
 * host is split into three MIG instances. Unless turned off, six LLM endpoints across providers are simulated too
 * (see {@link SimulatedEndpoint}): endpoint ids {@code demo-...}, not in the configuration, which the views show as
 * endpoints seen only in readings. Every reading carries {@link io.watchfloor.model.Flag#DEMO}.
 */
public final class DemoSource implements Source {
    private final String id;
    private final Duration interval;
    private final SourceContext context;
    private final List<SimulatedGpu> fleet;
    private final List<SimulatedEndpoint> endpoints;

    public DemoSource(String id, Duration interval, DemoOptions options, SourceContext context) {
        this.id = Objects.requireNonNull(id, "id");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.context = Objects.requireNonNull(context, "context");
        this.fleet = buildFleet(options);
        this.endpoints = options.endpoints() ? buildEndpoints(options.seed()) : List.of();
    }

    private static List<SimulatedEndpoint> buildEndpoints(long seed) {
        List<SimulatedEndpoint> out = new ArrayList<>();
        for (int i = 0; i < SimulatedEndpoint.PROFILES.size(); i++) {
            // a stream apart from the GPUs' so that adding endpoints changes no GPU
            out.add(new SimulatedEndpoint(SimulatedEndpoint.PROFILES.get(i), new SplittableRandom(seed * 7_919L - 1 - i)));
        }
        return List.copyOf(out);
    }

    public static String hostName(int hostNumber) {
        return String.format("demo-gpu-%02d", hostNumber);
    }

    private static List<SimulatedGpu> buildFleet(DemoOptions o) {
        boolean mig = o.hosts() >= 2;
        int slots = o.hosts() * o.gpusPerHost();
        int migSlot = mig ? slots - 1 : -1;
        // which GPUs get the fault scenarios: a seeded shuffle, so another seed gives another wall
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            if (s != migSlot) {
                order.add(s);
            }
        }
        Collections.shuffle(order, new Random(o.seed()));
        Scenario[] assigned = new Scenario[slots];
        for (int i = 0; i < Scenario.FAULTS.length && i < order.size(); i++) {
            assigned[order.get(i)] = Scenario.FAULTS[i];
        }
        // at least one plainly idle GPU, so "idle" is visibly different from "held idle"
        if (order.size() > Scenario.FAULTS.length) {
            assigned[order.get(Scenario.FAULTS.length)] = Scenario.IDLE;
        }
        List<SimulatedGpu> out = new ArrayList<>(slots);
        for (int s = 0; s < slots; s++) {
            String host = hostName(s / o.gpusPerHost() + 1);
            int index = s % o.gpusPerHost();
            // each GPU draws its parameters from its own stream: adding hosts does not change existing GPUs
            SplittableRandom rnd = new SplittableRandom(o.seed() * 1_000_003L + s);
            Scenario scenario = assigned[s] != null ? assigned[s] : workload(rnd);
            out.add(new SimulatedGpu(host, index, uuid(o.seed(), host, index), o.model(), scenario, s == migSlot, rnd));
        }
        return List.copyOf(out);
    }

    private static Scenario workload(SplittableRandom rnd) {
        double r = rnd.nextDouble();
        return r < 0.70 ? Scenario.INFERENCE : r < 0.88 ? Scenario.BATCH : Scenario.IDLE;
    }

    /** Stable per seed, host and index, shaped like nvidia-smi's "GPU-xxxxxxxx-..." UUIDs. */
    static String uuid(long seed, String host, int index) {
        return "GPU-" + UUID.nameUUIDFromBytes(("watchfloor-demo/" + seed + "/" + host + "/" + index)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return DemoSourceProvider.TYPE;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    /** Never fails and makes no requests. */
    @Override
    public PollResult poll() {
        Instant now = context.clock().instant();
        List<Reading> readings = new ArrayList<>();
        for (SimulatedGpu gpu : fleet) {
            readings.addAll(gpu.sample(now, id, context.thresholds()));
        }
        for (SimulatedEndpoint e : endpoints) {
            readings.addAll(e.sample(now, id));
        }
        return new PollResult(readings, List.of(), 0);
    }
}
