package io.watchfloor.sources.azure;

import io.watchfloor.model.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * One endpoint's figures over the polled window, normalised per minute.
 * <p>
 * Azure Monitor publishes each minute a little late, so the newest minutes of the window may hold nothing yet.
 * The <em>watermark</em> is the newest minute that holds data for any series of the request metric on the
 * resource: up to it the minutes are settled (a minute without data there had no traffic for this endpoint), after
 * it they are unknown and left out. Rates are totals from the window start to the watermark divided by the minutes
 * in between; levels (latency, availability) are averaged over the same minutes, weighted by each minute's
 * requests. With no data at all the endpoint had no traffic: 0 requests per minute, no percentages, no levels.
 */
final class Figures {
    private final Instant start;
    private final Duration grain;
    private final Instant watermark;
    private final Map<Instant, Double> requests = new HashMap<>();
    private double total;
    private double clientErrors;
    private double throttled;
    private double serverErrors;
    private final Map<Metric, Double> sums = new EnumMap<>(Metric.class);
    /** Per level metric and time grain: {sum, count} of the values, so several series average out. */
    private final Map<Metric, Map<Instant, double[]>> levels = new EnumMap<>(Metric.class);

    /**
     * @param watermark the newest settled time grain (see above), null when the request metric has no data
     */
    Figures(Instant start, Duration grain, Instant watermark) {
        this.start = start;
        this.grain = grain;
        this.watermark = watermark;
    }

    /** Requests of one time grain with this HTTP status code ("200", "429"; a class such as "4xx" works too). */
    void addRequests(Instant at, String statusCode, double count) {
        if (!settled(at)) {
            return;
        }
        requests.merge(at, count, Double::sum);
        total += count;
        switch (statusClass(statusCode)) {
            case THROTTLED -> throttled += count;
            case CLIENT_ERROR -> clientErrors += count;
            case SERVER_ERROR -> serverErrors += count;
            case OTHER -> { }
        }
    }

    /** Declares a summed metric answered, so that no data means 0 rather than absent. */
    void answered(Metric sum) {
        sums.putIfAbsent(sum, 0.0);
    }

    void addSum(Metric metric, Instant at, double value) {
        if (!settled(at)) {
            return;
        }
        sums.merge(metric, value, Double::sum);
    }

    void addLevel(Metric metric, Instant at, double value) {
        if (!settled(at)) {
            return;
        }
        double[] acc = levels.computeIfAbsent(metric, m -> new HashMap<>()).computeIfAbsent(at, t -> new double[2]);
        acc[0] += value;
        acc[1]++;
    }

    /** The normalised metrics; absent ones were not given by the provider. */
    Map<Metric, Double> metrics() {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        double minutes = minutes();
        out.put(Metric.REQUESTS_PM, minutes == 0 ? 0.0 : total / minutes);
        if (total > 0) {
            out.put(Metric.ERROR_PCT, 100 * (clientErrors + serverErrors) / total);
            out.put(Metric.CLIENT_ERROR_PCT, 100 * clientErrors / total);
            out.put(Metric.SERVER_ERROR_PCT, 100 * serverErrors / total);
            out.put(Metric.THROTTLE_PCT, 100 * throttled / total);
        }
        sums.forEach((metric, sum) -> out.put(metric, minutes == 0 ? 0.0 : sum / minutes));
        levels.forEach((metric, byGrain) -> out.put(metric, weightedMean(byGrain)));
        return out;
    }

    /**
     * When the figures are as of: the watermark, the newest grain with data on the resource. Not the newest grain of
     * this endpoint's own series: a quiet deployment's figures are as settled as its busy neighbour's, and its tile
     * must not age out just because few requests reach it. With no data at all, {@code otherwise}.
     */
    Instant sampledAt(Instant otherwise) {
        return watermark != null ? watermark : otherwise;
    }

    /** Minutes from the window start to the end of the watermark's grain. */
    private double minutes() {
        if (watermark == null) {
            return 0;
        }
        Duration span = Duration.between(start, watermark).plus(grain);
        return span.toMillis() / 60_000.0;
    }

    /** Weighted by each grain's requests when every grain has some, else a plain mean of the grains. */
    private double weightedMean(Map<Instant, double[]> byGrain) {
        double weighted = 0;
        double weights = 0;
        double plain = 0;
        boolean allWeighted = true;
        for (Map.Entry<Instant, double[]> e : byGrain.entrySet()) {
            double value = e.getValue()[0] / e.getValue()[1];
            plain += value;
            Double w = requests.get(e.getKey());
            if (w == null || w <= 0) {
                allWeighted = false;
            } else {
                weighted += w * value;
                weights += w;
            }
        }
        return allWeighted && weights > 0 ? weighted / weights : plain / byGrain.size();
    }

    private boolean settled(Instant at) {
        return watermark != null && !at.isBefore(start) && !at.isAfter(watermark);
    }

    private enum StatusClass { THROTTLED, CLIENT_ERROR, SERVER_ERROR, OTHER }

    /** 429 is a throttle, other 4xx a client error, 5xx a server error; anything else (2xx, unknown) only counts. */
    private static StatusClass statusClass(String code) {
        if (code == null || code.isBlank()) {
            return StatusClass.OTHER;
        }
        String c = code.strip();
        if (c.equals("429")) {
            return StatusClass.THROTTLED;
        }
        return switch (c.charAt(0)) {
            case '4' -> StatusClass.CLIENT_ERROR;
            case '5' -> StatusClass.SERVER_ERROR;
            default -> StatusClass.OTHER;
        };
    }
}
