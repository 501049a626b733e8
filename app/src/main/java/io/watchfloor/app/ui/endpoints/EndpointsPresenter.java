package io.watchfloor.app.ui.endpoints;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.SlaConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.EndpointEvaluator;
import io.watchfloor.model.endpoint.EndpointState;
import io.watchfloor.model.endpoint.EndpointStatus;
import io.watchfloor.model.endpoint.SlaBoard;
import io.watchfloor.model.endpoint.SlaFigures;
import io.watchfloor.model.endpoint.SlaWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an engine snapshot and the SLA board into what the endpoint screens show at a moment: every endpoint judged,
 * with its SLA figures, and counts per status. No scene graph: the wall, the Endpoints page, the snapshot command and
 * the tests all use it.
 */
public final class EndpointsPresenter {
    private final EndpointEvaluator evaluator;

    /**
     * @param demo whether any endpoint's data comes from the simulated DEMO source (screens must say so)
     */
    public record EndpointsModel(Instant at, List<EndpointRow> rows, Map<EndpointStatus, Integer> counts,
                                 List<SourceStatus> sources, boolean demo) {
        public EndpointsModel {
            rows = List.copyOf(rows);
            counts = Map.copyOf(counts);
            sources = List.copyOf(sources);
        }

        public static EndpointsModel empty(Instant at) {
            return new EndpointsModel(at, List.of(), zeroCounts(), List.of(), false);
        }

        /** The row with this endpoint id, or null. */
        public EndpointRow row(String id) {
            for (EndpointRow r : rows) {
                if (r.id().equals(id)) {
                    return r;
                }
            }
            return null;
        }
    }

    public EndpointsPresenter(EndpointEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The configured endpoints with their SLA settings; endpoints seen only in readings get the SLA defaults. */
    public static EndpointsPresenter forConfig(WatchfloorConfig config) {
        List<EndpointEvaluator.Endpoint> endpoints = new ArrayList<>();
        for (EndpointConfig e : config.endpoints()) {
            endpoints.add(new EndpointEvaluator.Endpoint(e.id(), e.name(),
                    e.provider() == null ? null : e.provider().wireName(), e.sourceId(),
                    e.probe() == null ? null : e.probe().interval(), sla(e.sla())));
        }
        return new EndpointsPresenter(new EndpointEvaluator(endpoints, sla(SlaConfig.DEFAULTS)));
    }

    /** Only the endpoints that sources report, with the SLA defaults (a wall without endpoint configuration). */
    public static EndpointsPresenter unconfigured() {
        return new EndpointsPresenter(new EndpointEvaluator(List.of(), sla(SlaConfig.DEFAULTS)));
    }

    private static EndpointEvaluator.Sla sla(SlaConfig c) {
        SlaConfig s = c == null ? SlaConfig.DEFAULTS : c;
        return new EndpointEvaluator.Sla(s.targetPct(), s.serverErrorPct(), s.slowP95Ms());
    }

    public EndpointsModel present(WallSnapshot snapshot, SlaBoard board, Instant now) {
        Map<EndpointStatus, Integer> counts = zeroCounts();
        List<EndpointRow> rows = new ArrayList<>();
        boolean demo = false;
        for (EndpointState s : evaluator.evaluate(snapshot, now)) {
            Map<SlaWindow, SlaFigures> sla = new EnumMap<>(SlaWindow.class);
            if (board != null) {
                for (SlaWindow w : SlaWindow.values()) {
                    SlaFigures f = board.get(s.id(), w);
                    if (f != null) {
                        sla.put(w, f);
                    }
                }
            }
            rows.add(new EndpointRow(s, sla));
            counts.merge(s.status(), 1, Integer::sum);
            demo |= s.demo();
        }
        return new EndpointsModel(now, rows, counts, snapshot.sources(), demo);
    }

    private static Map<EndpointStatus, Integer> zeroCounts() {
        Map<EndpointStatus, Integer> counts = new EnumMap<>(EndpointStatus.class);
        for (EndpointStatus s : EndpointStatus.values()) {
            counts.put(s, 0);
        }
        return counts;
    }
}
