package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every query-shaped answer in shared/fixtures/prometheus-api, parsed and checked against its contents. */
class PrometheusResponseParserTest {

    static PrometheusResponseParser.Envelope parse(String body) throws IOException {
        return PrometheusResponseParser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static QueryResult result(String fixture) throws IOException {
        PrometheusResponseParser.Envelope env = parse(Fixtures.prometheusApi(fixture));
        assertThat(env.status()).isEqualTo("success");
        return env.result();
    }

    @Test
    void docsInstantVector() throws IOException {
        QueryResult.Vector v = (QueryResult.Vector) result("docs-query-instant-vector-up.json");
        assertThat(v.samples()).hasSize(2);
        QueryResult.Sample first = v.samples().get(0);
        assertThat(first.labels()).containsEntry("__name__", "up").containsEntry("job", "prometheus")
                .containsEntry("instance", "localhost:9090");
        assertThat(first.timestampMillis()).isEqualTo(1435781451781L);
        assertThat(first.value()).isEqualTo(1.0);
        assertThat(v.samples().get(1).labels()).containsEntry("instance", "localhost:9100");
        assertThat(v.samples().get(1).value()).isEqualTo(0.0);
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void docsRangeMatrix() throws IOException {
        QueryResult.Matrix m = (QueryResult.Matrix) result("docs-query_range-matrix-up.json");
        assertThat(m.series()).hasSize(2);
        assertThat(m.series().get(0).points()).extracting(QueryResult.Point::timestampMillis)
                .containsExactly(1435781430781L, 1435781445781L, 1435781460781L);
        assertThat(m.series().get(1).labels()).containsEntry("instance", "localhost:9091");
        assertThat(m.series().get(1).points()).extracting(QueryResult.Point::value).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void scalarAndString() throws IOException {
        QueryResult.Scalar s = (QueryResult.Scalar) result("prom2.42-query-scalar.json");
        assertThat(s.timestampMillis()).isEqualTo(1795415870312L);
        assertThat(s.value()).isEqualTo(2.0);
        QueryResult.Text t = (QueryResult.Text) result("prom2.42-query-string.json");
        assertThat(t.timestampMillis()).isEqualTo(1795415870329L);
        assertThat(t.value()).isEqualTo("gpu-console");
    }

    @Test
    void nanAndInfinityBecomeDoubles() throws IOException {
        QueryResult.Vector v = (QueryResult.Vector) result("prom2.42-query-vector-NaN-Inf-values.json");
        assertThat(v.samples()).extracting(s -> s.labels().get("job"))
                .containsExactly("prometheus", "alertmanager", "node");
        assertThat(v.samples().get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(v.samples().get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(v.samples().get(2).value()).isNaN();
    }

    @Test
    void upWithDownTarget() throws IOException {
        QueryResult.Vector v = (QueryResult.Vector) result("prom2.42-query-vector-up-with-down-target.json");
        assertThat(v.samples()).extracting(QueryResult.Sample::value).containsExactly(1.0, 1.0, 0.0);
        assertThat(v.samples().get(2).labels()).containsEntry("instance", "127.0.0.1:19100");
    }

    @Test
    void emptyResultsKeepTheirType() throws IOException {
        assertThat(((QueryResult.Vector) result("query-vector-empty-result.json")).samples()).isEmpty();
        assertThat(((QueryResult.Matrix) result("prom2.42-query_range-matrix-empty.json")).series()).isEmpty();
    }

    @Test
    void matrixWithNaNPointsAndIntegerTimestamps() throws IOException {
        QueryResult.Matrix m = (QueryResult.Matrix) result("prom2.42-query_range-matrix-histogram_quantile-with-NaN.json");
        assertThat(m.series()).hasSize(3);
        assertThat(m.series().get(0).labels()).containsEntry("handler", "/-/ready");
        assertThat(m.series().get(0).points()).hasSize(7).allSatisfy(p -> assertThat(p.value()).isNaN());
        QueryResult.Series query = m.series().get(1);
        assertThat(query.points().get(0)).isEqualTo(new QueryResult.Point(1795415690000L, 0.099));
        assertThat(query.points().get(1).value()).isNaN();
        assertThat(m.series().get(2).points()).extracting(QueryResult.Point::value).containsOnly(0.099);
    }

    @Test
    void matrixRates() throws IOException {
        QueryResult.Matrix m = (QueryResult.Matrix) result("prom2.42-query_range-matrix-http-requests-rate.json");
        assertThat(m.series()).hasSize(3);
        assertThat(m.series()).allSatisfy(s -> assertThat(s.points()).hasSize(13));
        assertThat(m.series().get(0).points().get(0).value()).isEqualTo(0.07140888888888888);
        assertThat(m.series().get(1).labels()).containsEntry("handler", "/metrics").containsEntry("code", "200");
        assertThat(m.series().get(1).points().get(12)).isEqualTo(new QueryResult.Point(1795415870000L, 0.19999999999999998));
    }

    @Test
    void compactCounterVector() throws IOException {
        QueryResult.Vector v = (QueryResult.Vector) result("query-vector-compact-counter-2series.json");
        assertThat(v.samples()).extracting(s -> s.labels().get("method")).containsExactly("GET", "POST");
        assertThat(v.samples()).extracting(QueryResult.Sample::value).containsExactly(1027.0, 2563.0);
        assertThat(v.samples().get(0).labels()).containsEntry("exported_endpoint", "/predict");
        assertThat(v.samples().get(0).timestampMillis()).isEqualTo(1774009575241L);
    }

    @Test
    void dcgmUtilOn16H100() throws IOException {
        QueryResult.Vector v = (QueryResult.Vector) result("query-vector-DCGM_FI_DEV_GPU_UTIL-16xH100-eks.json");
        assertThat(v.samples()).hasSize(16).allSatisfy(s -> {
            assertThat(s.value()).isZero();
            assertThat(s.timestampMillis()).isEqualTo(1773114089184L);
            assertThat(s.labels()).containsEntry("modelName", "NVIDIA H100 80GB HBM3");
        });
        assertThat(v.samples()).filteredOn(s -> s.labels().get("Hostname").equals("gpu-node-2")).hasSize(8);
        assertThat(v.samples().get(0).labels()).containsEntry("UUID", "GPU-bc5610b9-79c8-fedd-8899-07539c7f868a")
                .containsEntry("gpu", "1");
    }

    @Test
    void dcgmPowerOn16H100() throws IOException {
        QueryResult.Vector v = (QueryResult.Vector) result("query-vector-DCGM_FI_DEV_POWER_USAGE-16xH100-eks.json");
        assertThat(v.samples()).hasSize(16);
        QueryResult.Sample podAttributed = v.samples().get(15);
        assertThat(podAttributed.labels()).containsEntry("pod", "vllm-agg-0-vllmdecodeworker-s65j5")
                .containsEntry("gpu", "0");
        assertThat(podAttributed.value()).isEqualTo(113.611);
        assertThat(podAttributed.timestampMillis()).isEqualTo(1773114089943L);
    }

    @Test
    void parseErrorBody() throws IOException {
        PrometheusResponseParser.Envelope env = parse(Fixtures.prometheusApi("prom2.42-error-400-bad_data-parse-error.json"));
        assertThat(env.isError()).isTrue();
        assertThat(env.errorType()).isEqualTo("bad_data");
        assertThat(env.error()).isEqualTo("invalid parameter \"query\": 1:7: parse error: unclosed left parenthesis");
        assertThat(env.result()).isNull();
    }

    @Test
    void tooManyPointsErrorBody() throws IOException {
        PrometheusResponseParser.Envelope env = parse(Fixtures.prometheusApi("prom2.42-error-400-bad_data-too-many-points.json"));
        assertThat(env.errorType()).isEqualTo("bad_data");
        assertThat(env.error()).startsWith("exceeded maximum resolution of 11,000 points per timeseries");
    }

    /** warnings/infos: no capture has them, so they are spliced into a real answer. */
    @Test
    void warningsAndInfosAreKept() throws IOException {
        String real = Fixtures.prometheusApi("query-vector-compact-counter-2series.json");
        String withWarnings = real.replaceFirst("\\{", "{\"warnings\":[\"store gpu-b: partial response\"],"
                + "\"infos\":[\"PromQL info: metric might not be a counter\"],");
        QueryResult r = parse(withWarnings).result();
        assertThat(r.warnings()).containsExactly("store gpu-b: partial response");
        assertThat(r.infos()).containsExactly("PromQL info: metric might not be a counter");
        assertThat(((QueryResult.Vector) r).samples()).hasSize(2);
    }

    /** Answers of other endpoints are refused, not misread as an empty query result. */
    @ParameterizedTest
    @ValueSource(strings = {"docs-labels.json", "docs-series.json", "docs-targets.json", "prom2.42-alerts-firing-and-pending.json"})
    void nonQueryAnswersAreRefused(String file) {
        assertThatThrownBy(() -> parse(Fixtures.prometheusApi(file)))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("resultType");
    }

    @Test
    void truncatedBodyFails() {
        String real = Fixtures.prometheusApi("query-vector-DCGM_FI_DEV_GPU_UTIL-16xH100-eks.json");
        assertThatThrownBy(() -> parse(real.substring(0, real.length() / 2)))
                .isInstanceOf(JsonProcessingException.class);
    }

    /** 10,000 series (the 16 real H100 series repeated on 625 made-up hosts) parse in well under a second. */
    @Test
    void tenThousandSeriesParseQuickly() throws IOException {
        String big = LargeAnswers.dcgmUtilForHosts(625);
        long start = System.nanoTime();
        QueryResult.Vector v = (QueryResult.Vector) parse(big).result();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(v.samples()).hasSize(10_000);
        assertThat(v.samples().get(9_999).labels().get("Hostname")).isEqualTo("gpu-node-1249");
        assertThat(took).isLessThan(Duration.ofSeconds(3)); // generous: the build machine is shared
    }
}
