package io.watchfloor.sources.azure;

import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;
import io.watchfloor.sources.azure.EndpointPlan.Call;
import io.watchfloor.sources.azure.EndpointPlan.MetricUse;
import io.watchfloor.sources.azure.EndpointPlan.Role;
import io.watchfloor.sources.azure.MetricsAnswer.MetricData;
import io.watchfloor.sources.azure.MetricsAnswer.Point;
import io.watchfloor.sources.azure.MetricsAnswer.Series;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Turns the answers to an endpoint's calls into its {@link Reading} (ENDPOINT tile). */
final class EndpointReader {
    private EndpointReader() {
    }

    /**
     * @param answers the answers by query; a query that failed is absent, and a metric that failed inside an
     *                answer is skipped (the source reports both as warnings)
     * @param start   the first time grain of the window
     * @param end     the end of the window (exclusive)
     * @return the reading, or null when the request counts are missing: without them there is nothing to
     *         normalise against, and a tile with stale numbers beats one with made-up ones
     */
    static Reading read(EndpointPlan plan, Map<MetricsQuery, MetricsAnswer> answers, Instant start, Instant end,
                        String sourceId) {
        MetricData requestData = null;
        Aggregation requestAggregation = null;
        for (Call call : plan.calls()) {
            for (MetricUse use : call.uses()) {
                MetricsAnswer answer = answers.get(call.query());
                if (use.role() == Role.REQUESTS && answer != null) {
                    requestAggregation = call.query().aggregation();
                    requestData = answer.metric(use.azureName());
                }
            }
        }
        if (requestData == null || requestData.failed()) {
            return null;
        }
        Figures figures = new Figures(start, MetricsQuery.GRAIN, watermark(requestData, requestAggregation, start, end));
        for (Call call : plan.calls()) {
            MetricsAnswer answer = answers.get(call.query());
            if (answer == null) {
                continue;
            }
            for (MetricUse use : call.uses()) {
                MetricData data = answer.metric(use.azureName());
                if (data == null || data.failed()) {
                    continue;
                }
                if (use.role() == Role.SUM) {
                    figures.answered(use.metric());
                }
                for (Series s : data.series()) {
                    if (belongs(plan, s)) {
                        add(figures, plan, use, s, call.query().aggregation());
                    }
                }
            }
        }
        Instant sampledAt = figures.sampledAt(end.minus(MetricsQuery.GRAIN));
        return new Reading(TileKey.endpoint(plan.endpoint().id()), plan.endpoint().describe(), sourceId, sampledAt,
                figures.metrics(), Set.of());
    }

    private static void add(Figures figures, EndpointPlan plan, MetricUse use, Series series, Aggregation aggregation) {
        for (Point p : series.points()) {
            Double v = p.value(aggregation);
            if (v == null || !Double.isFinite(v)) {
                continue; // no data for this grain
            }
            switch (use.role()) {
                case REQUESTS -> figures.addRequests(p.at(), series.dimension(plan.statusDimension()), v);
                case SUM -> figures.addSum(use.metric(), p.at(), v);
                case LEVEL -> figures.addLevel(use.metric(), p.at(), v);
            }
        }
    }

    /** A series is the endpoint's when it is for its deployment, or (endpoint = whole resource) always. */
    private static boolean belongs(EndpointPlan plan, Series series) {
        if (plan.splitDimension() == null) {
            return true;
        }
        String value = series.dimension(plan.splitDimension());
        // Azure does not keep the case of dimension values reliably; deployment names differ by more than case
        return value != null && value.equalsIgnoreCase(plan.deployment());
    }

    /** The newest grain in the window with data in any series of the request metric (see {@link Figures}). */
    static Instant watermark(MetricData requests, Aggregation aggregation, Instant start, Instant end) {
        Instant newest = null;
        for (Series s : requests.series()) {
            for (Point p : s.points()) {
                Double v = p.value(aggregation);
                if (v != null && !p.at().isBefore(start) && p.at().isBefore(end)
                        && (newest == null || p.at().isAfter(newest))) {
                    newest = p.at();
                }
            }
        }
        return newest;
    }
}
