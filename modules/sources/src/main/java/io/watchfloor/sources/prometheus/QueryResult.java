package io.watchfloor.sources.prometheus;

import java.util.List;
import java.util.Map;

/**
 * The {@code data} of a successful /api/v1/query or /api/v1/query_range answer, one variant per
 * {@code resultType}, plus the server's {@code warnings} and {@code infos} (e.g. a Thanos store
 * that did not answer: the data is partial, not wrong).
 */
public sealed interface QueryResult {
    List<String> warnings();

    List<String> infos();

    /** One value of a series at a time; values may be NaN or infinite, as Prometheus sent them. */
    record Sample(Map<String, String> labels, long timestampMillis, double value) {
    }

    record Point(long timestampMillis, double value) {
    }

    record Series(Map<String, String> labels, List<Point> points) {
    }

    record Vector(List<Sample> samples, List<String> warnings, List<String> infos) implements QueryResult {
    }

    record Matrix(List<Series> series, List<String> warnings, List<String> infos) implements QueryResult {
    }

    record Scalar(long timestampMillis, double value, List<String> warnings, List<String> infos)
            implements QueryResult {
    }

    /** resultType "string". */
    record Text(long timestampMillis, String value, List<String> warnings, List<String> infos)
            implements QueryResult {
    }
}
