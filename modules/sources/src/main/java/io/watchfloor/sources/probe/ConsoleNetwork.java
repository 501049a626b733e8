package io.watchfloor.sources.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the console's own network looks down, judged from the latest outcome of every probe. A probe that
 * fails at connection level (DNS, connect timeout, no route) cannot tell "the endpoint is down" from "we are
 * offline"; the SLA must not count the latter as downtime. The rule (decided for issue 3):
 *
 * <p>The network looks down when, among the probes whose latest outcome is at most {@code window} old, every
 * probe of a non-loopback host failed at connection level, and those failures span at least two distinct hosts.
 * Any other recent outcome of a non-loopback host (an HTTP answer of any status, a refused connection, a TLS
 * failure, a read timeout) proves packets still flow, so the network is not down. Loopback targets are ignored
 * entirely: a local server being killed is that endpoint's fault, and reaching one proves nothing about the
 * outside network. With a single remote host the console cannot tell, so it never claims to be offline.
 *
 * <p>Thread-safe; one instance is shared by all probes of a {@link ProbeSources#create factory} call, and it holds
 * one entry per probe (bounded by the configured probes).
 */
public final class ConsoleNetwork {
    /** What one probe attempt says about the path to its host. */
    public enum Outcome {
        /** Something came back from the host (an answer, a refusal, a TLS handshake): the path works. */
        REACHED,
        /** Nothing came back before a connection existed: DNS failure, connect timeout, unreachable, no route. */
        CONNECTION_FAILED
    }

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private record Latest(String host, Outcome outcome, Instant at) {
    }

    private final Clock clock;
    private final Duration window;
    private final Map<String, Latest> latestByProbe = new HashMap<>();

    /**
     * @param window how old a probe's latest outcome may be and still count; the factory uses the longest probe
     *               interval plus the longest timeout, so every live probe has an entry in it
     */
    public ConsoleNetwork(Clock clock, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
    }

    /** Records the latest outcome of one probe (by its id) against the host it targets. Loopback hosts are ignored. */
    public synchronized void record(String probeId, String host, Outcome outcome) {
        if (isLoopback(host)) {
            latestByProbe.remove(probeId);
            return;
        }
        latestByProbe.put(probeId, new Latest(host.toLowerCase(Locale.ROOT), outcome, clock.instant()));
    }

    /** True when the recent outcomes say the console itself is offline (see the class comment for the rule). */
    public synchronized boolean looksDown() {
        Instant oldest = clock.instant().minus(window);
        Set<String> failedHosts = new HashSet<>();
        for (Latest l : latestByProbe.values()) {
            if (l.at().isBefore(oldest)) {
                continue;
            }
            if (l.outcome() == Outcome.REACHED) {
                return false;
            }
            failedHosts.add(l.host());
        }
        return failedHosts.size() >= 2;
    }

    /**
     * Loopback by its name alone, without a DNS lookup (which could itself hang when the network is down):
     * localhost and *.localhost (RFC 6761), 127.0.0.0/8 and ::1 in any spelling OkHttp produces.
     */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || IPV4_LOOPBACK.matcher(h).matches()
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }
}
