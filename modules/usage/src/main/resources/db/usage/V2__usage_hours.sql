-- Watchfloor usage ledger, schema version 2: an hourly rollup of usage_minutes.
-- A month of minutes for 50 endpoints is 2.16 M rows, and summing them took 20+ s; the same month in hours is
-- 36,000 rows. Reads take whole hours from here and only the partial hours at a window's edges (a zone at :30,
-- the current hour) from usage_minutes. Every write to usage_minutes recomputes the hours it touched from the
-- minutes, so an hour row is always exactly the sum of its minute rows.

-- minute_rows counts the minute rows behind the hour: it is what UsageSums.coveredMinutes counts (a minute with
-- a row is covered, however partly), and covered_ms alone cannot give it back.
CREATE TABLE usage_hours (
    endpoint_id   VARCHAR(200) NOT NULL,
    hour_start    BIGINT NOT NULL,
    minute_rows   INT NOT NULL,
    covered_ms    BIGINT NOT NULL,
    requests      DOUBLE PRECISION NOT NULL,
    tokens_in     DOUBLE PRECISION NOT NULL,
    tokens_out    DOUBLE PRECISION NOT NULL,
    errors        DOUBLE PRECISION NOT NULL,
    throttles     DOUBLE PRECISION NOT NULL,
    p50_sum       DOUBLE PRECISION NOT NULL,
    p50_weight    DOUBLE PRECISION NOT NULL,
    p95_sum       DOUBLE PRECISION NOT NULL,
    p95_weight    DOUBLE PRECISION NOT NULL,
    avg_sum       DOUBLE PRECISION NOT NULL,
    avg_weight    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (endpoint_id, hour_start)
);

-- Backfill from the minutes already kept (times are epoch milliseconds after 1970, so / truncates as a floor).
INSERT INTO usage_hours (endpoint_id, hour_start, minute_rows, covered_ms, requests, tokens_in, tokens_out, errors,
                         throttles, p50_sum, p50_weight, p95_sum, p95_weight, avg_sum, avg_weight)
SELECT endpoint_id, (minute_start / 3600000) * 3600000, COUNT(*), SUM(covered_ms), SUM(requests), SUM(tokens_in),
       SUM(tokens_out), SUM(errors), SUM(throttles), SUM(p50_sum), SUM(p50_weight), SUM(p95_sum), SUM(p95_weight),
       SUM(avg_sum), SUM(avg_weight)
FROM usage_minutes
GROUP BY endpoint_id, (minute_start / 3600000) * 3600000;
