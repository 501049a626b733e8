package io.watchfloor.bench.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which simulated endpoint behaves how, and on which server it lives. Deterministic from its inputs, so the
 * harness and a forked server process (which gets the same numbers on its command line) agree without
 * exchanging the plan itself.
 *
 * <p>Endpoint {@code i} is {@code ep-NNN}, served at {@code /ep-NNN/v1/models} by live server {@code i % servers};
 * refused endpoints point at a port where nothing listens (one dead server, as when a host is down).
 */
record FloorPlan(int endpoints, int servers, List<Behaviour> behaviours) {
    /** Seed of the shuffle that picks which endpoints are slow, hung or refused; fixed so runs compare. */
    private static final long SEED = 20_261_123L;

    enum Kind {
        /** answers in a few ms */
        OK,
        /** answers after 1-2 s: up, but slow */
        SLOW,
        /** holds the request well past the probe's timeout: the probe times out */
        HUNG,
        /** nothing listens: connection refused at once */
        REFUSED
    }

    /** @param delayMs how long the server waits before answering (0 for REFUSED: no server) */
    record Behaviour(Kind kind, long delayMs) {
    }

    FloorPlan {
        behaviours = List.copyOf(behaviours);
    }

    /**
     * @param slowPct, hungPct, refusedPct shares of the endpoints (rounded, at least one each when the share is
     *                 above 0) that are slow, hung or refused
     * @param hungMs   how long a hung endpoint holds its request
     */
    static FloorPlan of(int endpoints, int servers, double slowPct, double hungPct, double refusedPct, long hungMs) {
        if (endpoints < 1 || servers < 1) {
            throw new IllegalArgumentException("need at least one endpoint and one server");
        }
        int refused = share(endpoints, refusedPct);
        int slow = share(endpoints, slowPct);
        int hung = share(endpoints, hungPct);
        if (refused + slow + hung > endpoints) {
            throw new IllegalArgumentException("slow + hung + refused endpoints exceed the " + endpoints
                    + " endpoints");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            order.add(i);
        }
        Random random = new Random(SEED);
        Collections.shuffle(order, random);
        Behaviour[] b = new Behaviour[endpoints];
        for (int n = 0; n < endpoints; n++) {
            int i = order.get(n);
            // a few ms for healthy answers, as a model server's /v1/models does from memory
            Behaviour ok = new Behaviour(Kind.OK, 1 + random.nextInt(4));
            if (n < refused) {
                b[i] = new Behaviour(Kind.REFUSED, 0);
            } else if (n < refused + slow) {
                b[i] = new Behaviour(Kind.SLOW, 1000 + random.nextInt(1001));
            } else if (n < refused + slow + hung) {
                b[i] = new Behaviour(Kind.HUNG, hungMs);
            } else {
                b[i] = ok;
            }
        }
        return new FloorPlan(endpoints, servers, List.of(b));
    }

    private static int share(int endpoints, double pct) {
        return pct <= 0 ? 0 : Math.max(1, (int) Math.round(endpoints * pct / 100));
    }

    static String endpointId(int i) {
        return String.format("ep-%03d", i);
    }

    /** The path prefix of endpoint i's OpenAI-compatible API (its url ends in /v1). */
    static String basePath(int i) {
        return "/" + endpointId(i) + "/v1";
    }

    Behaviour behaviour(int i) {
        return behaviours.get(i);
    }

    int server(int i) {
        return i % servers;
    }

    long count(Kind kind) {
        return behaviours.stream().filter(b -> b.kind() == kind).count();
    }
}
