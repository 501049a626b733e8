package io.watchfloor.sources.azure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.watchfloor.sources.azure.MetricsAnswer.MetricData;
import io.watchfloor.sources.azure.MetricsAnswer.Point;
import io.watchfloor.sources.azure.MetricsAnswer.Series;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Azure Monitor metric answers in one pass with Jackson's streaming parser, in any field order.
 * Two shapes carry the same metric objects (value[].name.value, unit, timeseries[].metadatavalues[],
 * data[] with timeStamp and total/average/count/minimum/maximum, errorCode/errorMessage per metric):
 * <ul>
 *   <li>ARM Metrics - List (api-version 2023-10-01): {@code {"cost", "timespan", "interval", "value": [...]}};</li>
 *   <li>the data-plane metrics:getBatch (2024-02-01): {@code {"values": [{"resourceid", "starttime", "endtime",
 *       "interval", "value": [...]}]}}.</li>
 * </ul>
 * The source calls the first; reading the second as well costs a few lines and keeps a later move to one batch
 * call per region free of a new parser.
 */
final class MetricsResponseParser {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private MetricsResponseParser() {
    }

    /**
     * @return one answer per resource (one for Metrics - List)
     * @throws JsonParseException when the body is not JSON, is cut short, or is not a metrics answer
     * @throws IOException        when reading the stream fails
     */
    static List<MetricsAnswer> parse(InputStream body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            return new Reader(p).top();
        }
    }

    private static final class Reader {
        private final JsonParser p;

        Reader(JsonParser p) {
            this.p = p;
        }

        List<MetricsAnswer> top() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            List<MetricsAnswer> batch = null;
            Answer single = new Answer();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("values")) {
                    batch = batch(t);
                } else {
                    single.field(field, t);
                }
            }
            if (p.nextToken() != null) {
                throw fail("trailing content after the JSON object");
            }
            if (batch != null) {
                return batch;
            }
            if (single.metrics == null) {
                throw fail("no \"value\" list: not an Azure Monitor metrics answer");
            }
            return List.of(single.build());
        }

        private List<MetricsAnswer> batch(JsonToken t) throws IOException {
            expect(t, JsonToken.START_ARRAY, "a list of per-resource answers");
            List<MetricsAnswer> out = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Answer a = new Answer();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    a.field(field, p.nextToken());
                }
                out.add(a.build());
            }
            expect(p.currentToken(), JsonToken.END_ARRAY, "the end of the per-resource answers");
            return out;
        }

        /** The fields of one resource's answer, collected in whatever order they come. */
        private final class Answer {
            String resourceId;
            String timespan;
            String interval;
            String start;
            String end;
            List<MetricData> metrics;

            void field(String name, JsonToken t) throws IOException {
                switch (name) {
                    case "resourceid" -> resourceId = text(t);
                    case "timespan" -> timespan = text(t);
                    case "starttime" -> start = text(t);
                    case "endtime" -> end = text(t);
                    case "interval" -> interval = text(t);
                    case "value" -> metrics = metrics(t);
                    default -> p.skipChildren(); // cost, namespace, resourceregion
                }
            }

            MetricsAnswer build() {
                String span = timespan != null || start == null ? timespan : start + "/" + end;
                return new MetricsAnswer(resourceId, span, interval, metrics == null ? List.of() : metrics);
            }
        }

        private List<MetricData> metrics(JsonToken t) throws IOException {
            expect(t, JsonToken.START_ARRAY, "a list of metrics");
            List<MetricData> out = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                out.add(metric());
            }
            expect(p.currentToken(), JsonToken.END_ARRAY, "the end of the metrics");
            return out;
        }

        private MetricData metric() throws IOException {
            String name = null;
            String unit = null;
            String errorCode = null;
            String errorMessage = null;
            List<Series> series = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "name" -> name = localizable(t);
                    case "unit" -> unit = text(t);
                    case "errorCode" -> errorCode = text(t);
                    case "errorMessage" -> errorMessage = text(t);
                    case "timeseries" -> series = timeseries(t);
                    default -> p.skipChildren(); // id, type, displayDescription
                }
            }
            if (name == null) {
                throw fail("a metric without name.value");
            }
            return new MetricData(name, unit, errorCode, errorMessage, series);
        }

        private List<Series> timeseries(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return List.of();
            }
            expect(t, JsonToken.START_ARRAY, "a list of time series");
            List<Series> out = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> dimensions = Map.of();
                List<Point> points = List.of();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (field) {
                        case "metadatavalues" -> dimensions = metadata(v);
                        case "data" -> points = points(v);
                        default -> p.skipChildren();
                    }
                }
                out.add(new Series(dimensions, points));
            }
            expect(p.currentToken(), JsonToken.END_ARRAY, "the end of the time series");
            return out;
        }

        private Map<String, String> metadata(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            expect(t, JsonToken.START_ARRAY, "a list of metadata values");
            Map<String, String> out = new HashMap<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String name = null;
                String value = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (field) {
                        case "name" -> name = localizable(v);
                        case "value" -> value = text(v);
                        default -> p.skipChildren();
                    }
                }
                if (name != null && value != null) {
                    out.put(name.toLowerCase(Locale.ROOT), value);
                }
            }
            expect(p.currentToken(), JsonToken.END_ARRAY, "the end of the metadata values");
            return out;
        }

        private List<Point> points(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return List.of();
            }
            expect(t, JsonToken.START_ARRAY, "a list of data points");
            List<Point> out = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                out.add(point());
            }
            expect(p.currentToken(), JsonToken.END_ARRAY, "the end of the data points");
            return out;
        }

        private Point point() throws IOException {
            Instant at = null;
            Double total = null;
            Double average = null;
            Double count = null;
            Double minimum = null;
            Double maximum = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "timeStamp" -> at = instant(text(t));
                    case "total" -> total = number(t);
                    case "average" -> average = number(t);
                    case "count" -> count = number(t);
                    case "minimum" -> minimum = number(t);
                    case "maximum" -> maximum = number(t);
                    default -> p.skipChildren();
                }
            }
            if (at == null) {
                throw fail("a data point without timeStamp");
            }
            return new Point(at, total, average, count, minimum, maximum);
        }

        /** A LocalizableString ({"value": ..., "localizedValue": ...}): the invariant value. */
        private String localizable(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            expect(t, JsonToken.START_OBJECT, "a name object");
            String value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("value")) {
                    value = text(v);
                } else {
                    p.skipChildren();
                }
            }
            return value;
        }

        private Double number(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw fail("expected a number, got " + t);
            }
            return p.getDoubleValue();
        }

        private String text(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                throw fail("expected text, got " + t);
            }
            return p.getText();
        }

        private Instant instant(String text) throws IOException {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException | NullPointerException e) {
                throw fail("timeStamp '" + text + "' is not an ISO-8601 instant");
            }
        }

        private void expect(JsonToken actual, JsonToken wanted, String what) throws IOException {
            if (actual != wanted) {
                throw fail("expected " + what + ", got " + (actual == null ? "the end of the body" : actual));
            }
        }

        private JsonParseException fail(String message) {
            return new JsonParseException(p, message);
        }
    }
}
