package io.watchfloor.sources.cloudwatch;

import java.time.Duration;
import java.util.Locale;

/**
 * What polling one cloudwatch source costs in CloudWatch API charges, estimated.
 *
 * <p>GetMetricData is billed per metric requested: each MetricDataQuery of each call counts once, whatever the
 * number of datapoints, and it is not covered by the CloudWatch free tier. The price assumed is $0.01 per 1,000
 * metrics requested, the us-east-1 list price (other regions may charge more). A month is taken as 30 days.
 * Not included: the rare NextToken follow-up pages (a poll asks for 5 datapoints per metric, far below the
 * 100,800 a page holds) and calls the SDK retries.
 *
 * @param metricsPerPoll       MetricDataQuery entries one poll sends, over all its calls and regions
 * @param pollsPerMonth        polls in 30 days at the source's interval
 * @param estimatedUsdPerMonth metricsPerPoll x pollsPerMonth x $0.01 / 1,000
 */
public record CloudWatchCost(int metricsPerPoll, long pollsPerMonth, double estimatedUsdPerMonth) {
    public static final double USD_PER_1000_METRICS = 0.01;
    public static final Duration MONTH = Duration.ofDays(30);

    public static CloudWatchCost of(int metricsPerPoll, Duration interval) {
        long polls = MONTH.toSeconds() / Math.max(1, interval.toSeconds());
        return new CloudWatchCost(metricsPerPoll, polls, metricsPerPoll * (double) polls * USD_PER_1000_METRICS / 1000);
    }

    /** "about $4.32 a month (10 metrics x 43,200 polls)", for screens and logs. */
    public String describe() {
        return String.format(Locale.ROOT, "about $%,.2f a month (%,d metrics x %,d polls at $%.2f per 1,000 metrics)",
                estimatedUsdPerMonth, metricsPerPoll, pollsPerMonth, USD_PER_1000_METRICS);
    }
}
