package io.watchfloor.sources.probe;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The console's own probe of one endpoint, as a {@link Source} with id {@code "probe:" + endpointId} and type
 * {@value #TYPE}. Each poll makes one attempt and returns one {@link Reading} keyed
 * {@link io.watchfloor.model.TileKey#probe(String)}, whatever the endpoint's state: a down endpoint is a reading
 * with PROBE_UP 0, never an exception. {@link #poll()} throws only when the console's own configuration keeps
 * the probe from running (its API key variable is not set, its caFile cannot be read, no url), so the source
 * shows that error instead of blaming the endpoint. Built by {@link ProbeSources#create}.
 */
public final class ProbeSource implements Source {
    public static final String TYPE = "probe";
    /** Outcome prefix when a connection-level failure is put down to the console's own network. */
    public static final String NETWORK_DOWN = "console network down? (all probes failing)";

    private final String id;
    private final String endpointId;
    private final Duration interval;
    private final Duration timeout;
    private final ProbeSpec spec;
    private final String apiKey;
    private final SourceException.Kind problemKind;
    private final String problem;
    private final ConsoleNetwork network;
    private final ProbeHttp http;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Built on the first poll (see {@link ProbeHttp}); polls of one source never overlap, volatile for the next. */
    private volatile ProbeRunner runner;

    /** A probe that can run; {@code apiKey} is null when it sends none. */
    ProbeSource(ProbeSpec spec, String apiKey, ConsoleNetwork network, ProbeHttp http, Clock clock) {
        this(spec.endpointId(), spec.interval(), spec.timeout(), spec, apiKey, null, network, http, clock);
    }

    /** A probe the console cannot run; every poll fails with {@code problem}. */
    ProbeSource(String endpointId, Duration interval, Duration timeout, SourceException problem, ProbeHttp http,
                Clock clock) {
        this(endpointId, interval, timeout, null, null, problem, null, http, clock);
    }

    private ProbeSource(String endpointId, Duration interval, Duration timeout, ProbeSpec spec, String apiKey,
                        SourceException problem, ConsoleNetwork network, ProbeHttp http, Clock clock) {
        this.id = sourceId(endpointId);
        this.endpointId = endpointId;
        this.interval = interval;
        this.timeout = timeout;
        this.spec = spec;
        this.apiKey = apiKey;
        this.problemKind = problem == null ? null : problem.kind();
        this.problem = problem == null ? null : problem.getMessage();
        this.network = network;
        this.http = http;
        this.clock = clock;
        http.retain();
    }

    /** The source id of the probe of this endpoint. */
    public static String sourceId(String endpointId) {
        return "probe:" + endpointId;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String lane() {
        return LANE_PROBE; // many short checks: their own bounded workers, never behind the metric sources
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    /** The probe's own time limit for one attempt (the engine's watchdog should allow this plus its grace). */
    public Duration timeout() {
        return timeout;
    }

    public String endpointId() {
        return endpointId;
    }

    @Override
    public PollResult poll() throws SourceException {
        ProbeRunner.Attempt attempt = attempt();
        return new PollResult(List.of(reading(attempt)), List.of(), attempt.requests());
    }

    /** One attempt, as the Reading a poll would carry (for a one-off check from the command line). */
    public Reading probeOnce() throws SourceException {
        return reading(attempt());
    }

    private ProbeRunner.Attempt attempt() throws SourceException {
        if (problem != null) {
            // a fresh exception each time: the engine may keep it, and a shared stack trace would mislead
            throw new SourceException(problemKind, problem);
        }
        if (closed.get()) {
            throw new SourceException(SourceException.Kind.UNREACHABLE, "probe closed");
        }
        ProbeRunner r = runner;
        if (r == null) {
            // an unusable caFile throws here, and is tried again next poll (the file may have been fixed)
            r = new ProbeRunner(spec, http.clientFor(spec), http.capture(), apiKey, clock);
            runner = r;
        }
        return r.run();
    }

    private Reading reading(ProbeRunner.Attempt attempt) {
        String host = spec.host();
        network.record(id, host, attempt.network());
        ProbeOutcome o = attempt.outcome();
        if (attempt.network() == ConsoleNetwork.Outcome.CONNECTION_FAILED && !ConsoleNetwork.isLoopback(host)
                && network.looksDown()) {
            // no PROBE_UP: the SLA counts this period as unknown, not down
            o = o.unknown(NETWORK_DOWN + " · " + o.text());
        }
        return o.toReading(endpointId, id, clock.instant());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.release();
        }
    }
}
