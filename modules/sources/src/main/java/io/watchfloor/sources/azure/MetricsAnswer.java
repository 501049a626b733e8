package io.watchfloor.sources.azure;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metric values Azure Monitor returned for one resource (the "Response" of Metrics - List, api-version
 * 2023-10-01; one element of "values" in the data-plane batch answer).
 *
 * @param resourceId the resource, as the batch answer names it; null in a single-resource answer
 * @param interval   the time grain the values are at (ISO-8601, e.g. PT1M), null when absent
 */
record MetricsAnswer(String resourceId, String timespan, String interval, List<MetricData> metrics) {
    MetricsAnswer {
        metrics = List.copyOf(metrics);
    }

    /** The metric with this name (case-insensitive, as Azure treats metric names), or null. */
    MetricData metric(String name) {
        for (MetricData m : metrics) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }

    /**
     * One metric of the answer. A metric can fail on its own inside a successful answer: then errorCode is not
     * "Success" and errorMessage says why.
     */
    record MetricData(String name, String unit, String errorCode, String errorMessage, List<Series> series) {
        MetricData {
            series = List.copyOf(series);
        }

        boolean failed() {
            return errorCode != null && !errorCode.equalsIgnoreCase("Success");
        }
    }

    /**
     * One time series: the dimension values it is split by (from "metadatavalues"; keys lower-cased because Azure
     * answers with either case, e.g. "apiname" for the dimension ApiName) and its data points.
     */
    record Series(Map<String, String> dimensions, List<Point> points) {
        Series {
            dimensions = Map.copyOf(dimensions);
            points = List.copyOf(points);
        }

        /** The value of a dimension, by its name in any case; null when the series is not split by it. */
        String dimension(String name) {
            return dimensions.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * One data point. An aggregation that is absent means no data for that time grain (no traffic, not yet
     * ingested): it is null here, never 0.
     */
    record Point(Instant at, Double total, Double average, Double count, Double minimum, Double maximum) {
        Double value(Aggregation aggregation) {
            return switch (aggregation) {
                case TOTAL -> total;
                case AVERAGE -> average;
            };
        }

        boolean hasData() {
            return total != null || average != null || count != null || minimum != null || maximum != null;
        }
    }
}
