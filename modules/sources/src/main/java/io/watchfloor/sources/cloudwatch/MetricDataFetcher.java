package io.watchfloor.sources.cloudwatch;

import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Reads one region's queries with as few GetMetricData calls as possible: up to 500 queries a call, each call
 * followed through its NextToken pages. CloudWatch answers a result in several pieces when it paginates (marked
 * PartialData until its last piece); the pieces are joined here.
 */
final class MetricDataFetcher {
    /** GetMetricData takes at most 500 MetricDataQuery entries per call. */
    static final int MAX_QUERIES_PER_CALL = 500;
    /** A server that keeps sending NextToken must not keep a poll going until its deadline. */
    static final int MAX_PAGES = 20;
    private static final int NAMES_SHOWN = 3;

    /**
     * @param series   datapoints per query id, newest last; a query with no datapoint is absent
     * @param requests GetMetricData calls made
     */
    record Result(Map<String, NavigableMap<Instant, Double>> series, List<String> warnings, int requests) {
    }

    private final CloudWatchClient client;
    private final String where;
    private final AwsFailures failures;

    /** @param where names the service in messages: "CloudWatch in us-east-1" */
    MetricDataFetcher(CloudWatchClient client, String where, AwsFailures failures) {
        this.client = client;
        this.where = where;
        this.failures = failures;
    }

    Result fetch(QueryPlan plan, String region, PollWindow window, Deadline deadline) throws SourceException {
        Map<String, NavigableMap<Instant, Double>> series = new HashMap<>();
        Set<String> warnings = new LinkedHashSet<>();
        int requests = 0;
        for (List<MetricDataQuery> batch : plan.batches(region, MAX_QUERIES_PER_CALL)) {
            Map<String, StatusCode> status = new LinkedHashMap<>();
            String token = null;
            int pages = 0;
            do {
                GetMetricDataResponse page = call(batch, window, token, deadline);
                requests++;
                pages++;
                for (MessageData m : page.messages()) {
                    warnings.add(where + ": " + m.code() + " " + m.value());
                }
                for (MetricDataResult r : page.metricDataResults()) {
                    merge(series.computeIfAbsent(r.id(), id -> new TreeMap<>()), r);
                    status.put(r.id(), r.statusCode());
                    for (MessageData m : r.messages()) {
                        warnings.add(describe(plan, r.id()) + ": " + m.code() + " " + m.value());
                    }
                }
                token = page.nextToken();
            } while (token != null && !token.isEmpty() && pages < MAX_PAGES);
            if (token != null && !token.isEmpty()) {
                warnings.add(where + " still had more pages after " + MAX_PAGES + " calls; the rest was not read");
            }
            statusWarnings(plan, status, warnings);
        }
        series.values().removeIf(Map::isEmpty);
        return new Result(series, new ArrayList<>(warnings), requests);
    }

    private GetMetricDataResponse call(List<MetricDataQuery> batch, PollWindow window, String token,
                                       Deadline deadline) throws SourceException {
        Duration left = deadline.remaining();
        if (left.isNegative() || left.isZero()) {
            throw new SourceException(Kind.TIMEOUT, where + " did not answer every call within "
                    + AwsFailures.seconds(deadline.timeout()));
        }
        GetMetricDataRequest request = GetMetricDataRequest.builder()
                .metricDataQueries(batch)
                .startTime(window.start())
                .endTime(window.end())
                .scanBy(ScanBy.TIMESTAMP_DESCENDING)
                .nextToken(token)
                .overrideConfiguration(c -> c.apiCallTimeout(left))
                .build();
        try {
            return client.getMetricData(request);
        } catch (SdkException e) {
            throw failures.call(e, where, deadline.timeout());
        }
    }

    private static void merge(NavigableMap<Instant, Double> into, MetricDataResult r) {
        List<Instant> times = r.timestamps();
        List<Double> values = r.values();
        for (int i = 0; i < Math.min(times.size(), values.size()); i++) {
            Double v = values.get(i);
            if (times.get(i) != null && v != null && Double.isFinite(v)) {
                into.put(times.get(i), v);
            }
        }
    }

    /** A result that is still PartialData after the last page, or that CloudWatch could not or would not compute. */
    private void statusWarnings(QueryPlan plan, Map<String, StatusCode> status, Set<String> warnings) {
        Map<StatusCode, List<String>> bad = new LinkedHashMap<>();
        status.forEach((id, code) -> {
            if (code != null && code != StatusCode.COMPLETE) {
                bad.computeIfAbsent(code, c -> new ArrayList<>()).add(describe(plan, id));
            }
        });
        bad.forEach((code, names) -> warnings.add(where + " answered " + code + " for " + names.size()
                + (names.size() == 1 ? " metric: " : " metrics: ") + shortList(names)));
    }

    private static String describe(QueryPlan plan, String id) {
        QueryPlan.Entry e = plan.entry(id);
        return e == null ? "query " + id : e.describe();
    }

    private static String shortList(List<String> names) {
        if (names.size() <= NAMES_SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN) + " more";
    }
}
