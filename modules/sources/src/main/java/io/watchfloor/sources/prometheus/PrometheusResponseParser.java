package io.watchfloor.sources.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Prometheus API envelope in one pass with Jackson's streaming parser. No tree is built, so
 * a 10,000-series answer costs the samples themselves and nothing more. Field order is not assumed
 * ({@code resultType} may come after {@code result}, {@code status} after {@code data}).
 */
final class PrometheusResponseParser {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** What came back; {@code result} is null unless status is "success". */
    record Envelope(String status, String errorType, String error, QueryResult result) {
        boolean isError() {
            return "error".equals(status);
        }
    }

    private PrometheusResponseParser() {
    }

    /**
     * @throws JsonParseException when the body is not JSON, is cut short, or is not a Prometheus answer
     * @throws IOException         when reading the stream fails
     */
    static Envelope parse(InputStream body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            return new PrometheusResponseParser.Reader(p).envelope();
        }
    }

    /** One parse; collects the pieces in whatever order they arrive. */
    private static final class Reader {
        private final JsonParser p;
        private String status;
        private String errorType;
        private String error;
        private String resultType;
        private List<String> warnings = List.of();
        private List<String> infos = List.of();
        private final List<QueryResult.Sample> samples = new ArrayList<>();
        private final List<QueryResult.Series> series = new ArrayList<>();
        private long pairTime;
        private String pairValue;

        Reader(JsonParser p) {
            this.p = p;
        }

        Envelope envelope() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "status" -> status = text(t);
                    case "errorType" -> errorType = text(t);
                    case "error" -> error = text(t);
                    case "warnings" -> warnings = strings(t);
                    case "infos" -> infos = strings(t);
                    case "data" -> data(t);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw fail("trailing content after the JSON object");
            }
            if (status == null) {
                throw fail("no \"status\" field: not a Prometheus API answer");
            }
            return new Envelope(status, errorType, error, "success".equals(status) ? result() : null);
        }

        private void data(JsonToken t) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "resultType" -> resultType = text(v);
                    case "result" -> result(v);
                    default -> p.skipChildren();
                }
            }
        }

        /** Vector/matrix are arrays of objects; scalar/string are one [time, "value"] pair. */
        private void result(JsonToken t) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                do {
                    seriesObject();
                } while (p.nextToken() == JsonToken.START_OBJECT);
                expect(p.currentToken(), JsonToken.END_ARRAY, "the end of the result list");
            } else if (first != JsonToken.END_ARRAY) {
                pairTime = PromNumbers.secondsToMillis(number(first));
                pairValue = text(p.nextToken());
                expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a [time, value] pair");
            }
        }

        private void seriesObject() throws IOException {
            Map<String, String> labels = Map.of();
            QueryResult.Point value = null;
            List<QueryResult.Point> values = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "metric" -> labels = labels(t);
                    case "value" -> value = point(t);
                    case "values" -> values = points(t);
                    default -> p.skipChildren(); // native "histogram(s)": not used by the console
                }
            }
            if (value != null) {
                samples.add(new QueryResult.Sample(labels, value.timestampMillis(), value.value()));
            }
            if (values != null) {
                series.add(new QueryResult.Series(labels, values));
            }
        }

        private Map<String, String> labels(JsonToken t) throws IOException {
            expect(t, JsonToken.START_OBJECT, "a label object");
            Map<String, String> labels = new HashMap<>(32);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String value = text(p.nextToken());
                if (value != null) {
                    labels.put(name, value);
                }
            }
            return labels;
        }

        private List<QueryResult.Point> points(JsonToken t) throws IOException {
            expect(t, JsonToken.START_ARRAY, "a list of points");
            List<QueryResult.Point> points = new ArrayList<>();
            JsonToken next;
            while ((next = p.nextToken()) == JsonToken.START_ARRAY) {
                points.add(point(next));
            }
            expect(next, JsonToken.END_ARRAY, "the end of the points");
            return points;
        }

        private QueryResult.Point point(JsonToken t) throws IOException {
            expect(t, JsonToken.START_ARRAY, "a [time, value] pair");
            long ts = PromNumbers.secondsToMillis(number(p.nextToken()));
            double v = value(text(p.nextToken()));
            expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a [time, value] pair");
            return new QueryResult.Point(ts, v);
        }

        private QueryResult result() throws IOException {
            if (resultType == null) {
                throw fail("no data.resultType in a success answer");
            }
            return switch (resultType) {
                case "vector" -> new QueryResult.Vector(List.copyOf(samples), warnings, infos);
                case "matrix" -> new QueryResult.Matrix(List.copyOf(series), warnings, infos);
                case "scalar" -> new QueryResult.Scalar(pairTime, pairValue == null ? Double.NaN : value(pairValue),
                        warnings, infos);
                case "string" -> new QueryResult.Text(pairTime, pairValue, warnings, infos);
                default -> throw fail("unknown resultType '" + resultType + "'");
            };
        }

        private List<String> strings(JsonToken t) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                p.skipChildren();
                return List.of();
            }
            List<String> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(text(p.currentToken()));
            }
            return List.copyOf(out);
        }

        private String text(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t == null || !t.isScalarValue()) {
                throw fail("expected a string, found " + t);
            }
            return p.getText();
        }

        private double number(JsonToken t) throws IOException {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw fail("expected a timestamp, found " + t);
            }
            return p.getDoubleValue();
        }

        private double value(String s) throws IOException {
            try {
                return PromNumbers.parse(s);
            } catch (NumberFormatException | NullPointerException e) {
                throw fail("sample value '" + s + "' is not a number");
            }
        }

        private void expect(JsonToken actual, JsonToken wanted, String what) throws IOException {
            if (actual != wanted) {
                throw fail("expected " + what + ", found " + (actual == null ? "end of input" : actual));
            }
        }

        private JsonParseException fail(String message) {
            return new JsonParseException(p, message);
        }
    }
}
