package io.watchfloor.app.ui.wall;

import io.watchfloor.app.ui.endpoints.EndpointsPresenter;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.StatusEvaluator;
import io.watchfloor.model.TileKind;
import io.watchfloor.model.TileState;
import io.watchfloor.model.TileStatus;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.SlaBoard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an engine snapshot into what the wall shows at a given moment: tiles judged (status,
 * age), grouped by host in a stable order, and counts per status. No scene graph: the snapshot
 * command and the tests use it directly.
 *
 * The order is stable on purpose: operators learn where a host sits on the wall, so hosts are
 * never reshuffled by their status.
 *
 * LLM endpoint readings (ENDPOINT and PROBE tiles) never become GPU tiles: they are judged per endpoint by the
 * endpoints presenter and shown in the wall's Endpoints band.
 */
public final class WallPresenter {
    private final StatusEvaluator evaluator;
    private final Duration staleAfterOverride;
    private final EndpointsPresenter endpoints;

    /**
     * @param counts    GPU and host tiles per status
     * @param endpoints the LLM endpoints for the Endpoints band, in configuration order
     */
    public record WallModel(Instant at, List<HostGroup> hosts, Map<TileStatus, Integer> counts,
                            List<SourceStatus> sources, EndpointsPresenter.EndpointsModel endpoints) {
        public int tileCount() {
            return hosts.stream().mapToInt(h -> h.tiles().size()).sum();
        }
    }

    /** A wall whose endpoints are only those its sources report (no endpoint configuration). */
    public WallPresenter(StatusEvaluator evaluator, Duration staleAfterOverride) {
        this(evaluator, staleAfterOverride, EndpointsPresenter.unconfigured());
    }

    /** @param staleAfterOverride null to use three poll intervals of each tile's source */
    public WallPresenter(StatusEvaluator evaluator, Duration staleAfterOverride, EndpointsPresenter endpoints) {
        this.evaluator = evaluator;
        this.staleAfterOverride = staleAfterOverride;
        this.endpoints = endpoints;
    }

    public WallModel present(WallSnapshot snapshot, Instant now) {
        return present(snapshot, null, now);
    }

    /** @param sla the SLA figures for the endpoint tiles' budget line, null when none */
    public WallModel present(WallSnapshot snapshot, SlaBoard sla, Instant now) {
        Map<String, SourceStatus> sources = new HashMap<>();
        snapshot.sources().forEach(s -> sources.put(s.id(), s));
        Map<String, List<TileState>> byHost = new TreeMap<>(NaturalOrder.INSTANCE);
        Map<TileStatus, Integer> counts = new EnumMap<>(TileStatus.class);
        for (TileStatus s : TileStatus.values()) {
            counts.put(s, 0);
        }
        for (Reading r : snapshot.readings()) {
            if (r.key().kind() != TileKind.GPU && r.key().kind() != TileKind.HOST) {
                continue; // endpoint and probe readings belong to the Endpoints band
            }
            SourceStatus src = sources.get(r.sourceId());
            TileState state = evaluator.evaluate(r, healthy(src), now, staleAfter(src));
            byHost.computeIfAbsent(r.key().host(), h -> new ArrayList<>()).add(state);
            counts.merge(state.status(), 1, Integer::sum);
        }
        List<HostGroup> hosts = new ArrayList<>();
        byHost.forEach((host, tiles) -> {
            tiles.sort(TILE_ORDER);
            hosts.add(new HostGroup(host, tiles));
        });
        return new WallModel(now, List.copyOf(hosts), Map.copyOf(counts), snapshot.sources(),
                endpoints.present(snapshot, sla, now));
    }

    /** A source we have not heard from yet (PENDING, fresh from the cache) is not known to be down: age decides. */
    private static boolean healthy(SourceStatus src) {
        return src == null || src.state() != SourceState.DOWN && !src.state().isAuthProblem();
    }

    private Duration staleAfter(SourceStatus src) {
        if (staleAfterOverride != null) {
            return staleAfterOverride;
        }
        Duration interval = src == null || src.interval() == null ? Duration.ofSeconds(10) : src.interval();
        // three missed polls, but never less than 15 s so a fast source's jitter doesn't flicker tiles grey
        return interval.multipliedBy(3).compareTo(Duration.ofSeconds(15)) < 0 ? Duration.ofSeconds(15) : interval.multipliedBy(3);
    }

    static final Comparator<TileState> TILE_ORDER = Comparator
            .comparing((TileState t) -> t.reading().key().kind())
            .reversed() // host tile (HOST) before its GPUs
            .thenComparing(t -> t.reading().key().gpu() == null ? "" : t.reading().key().gpu(), NaturalOrder.INSTANCE)
            .thenComparing(t -> t.reading().key().migInstance() == null ? "" : t.reading().key().migInstance(), NaturalOrder.INSTANCE);
}
