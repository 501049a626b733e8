package io.watchfloor.sources.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Map;
import mockwebserver3.MockResponse;
import okio.Buffer;

/**
 * The wire protocol the CloudWatch client of AWS SDK 2.54.15 speaks: Smithy RPC v2 CBOR (its DefaultCloudWatchClient
 * builds a SmithyRpcV2CborProtocolFactory; requests go to POST /service/GraniteServiceVersion20100801/operation/X).
 *
 * <p>Converts documents shaped as the AWS CLI prints them (JSON, ISO-8601 "Timestamps") into CBOR response bodies:
 * maps keyed by the shape's member names, timestamps as CBOR tag 1 (epoch seconds), as the Smithy RPC v2 CBOR
 * specification says. Errors carry {@code __type} in the body and, because CloudWatch is an awsQuery-compatible
 * service, its query error code in the {@code x-amzn-query-error} header ("Code;Sender").
 */
final class CborWire {
    static final String OPERATION_PATH = "/service/GraniteServiceVersion20100801/operation/GetMetricData";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final CBORFactory FACTORY = new CBORFactory();

    private CborWire() {
    }

    /** A GetMetricData output printed by the AWS CLI, on the wire. */
    static byte[] fromAwsCliJson(String json) {
        try {
            return encode(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(JsonNode document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            write(g, null, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A request body the SDK sent (timestamps read back as epoch-second numbers). */
    static JsonNode decode(byte[] body) {
        try {
            return CBOR.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse ok(byte[] body) {
        return new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "application/cbor")
                .setHeader("smithy-protocol", "rpc-v2-cbor")
                .setHeader("x-amzn-RequestId", "1f8c6c5a-0000-4000-8000-000000000001")
                .body(new Buffer().write(body))
                .build();
    }

    /**
     * An error answer.
     *
     * @param type       the error shape, e.g. "com.amazon.coral.service#ExpiredTokenException"
     * @param queryError the awsQuery code and fault ("ExpiredToken;Sender"), null to leave the header out
     */
    static MockResponse error(int status, String type, String queryError, String message) {
        var doc = JSON.createObjectNode().put("__type", type).put("message", message);
        MockResponse.Builder b = new MockResponse.Builder().code(status)
                .setHeader("Content-Type", "application/cbor")
                .setHeader("smithy-protocol", "rpc-v2-cbor")
                .body(new Buffer().write(encode(doc)));
        if (queryError != null) {
            b.setHeader("x-amzn-query-error", queryError);
        }
        return b.build();
    }

    private static void write(CBORGenerator g, String field, JsonNode node) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                g.writeFieldName(e.getKey());
                write(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode item : node) {
                if ("Timestamps".equals(field)) {
                    timestamp(g, item);
                } else {
                    write(g, null, item);
                }
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isIntegralNumber()) {
            g.writeNumber(node.longValue());
        } else if (node.isNumber()) {
            g.writeNumber(node.doubleValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else {
            g.writeNull();
        }
    }

    /** Tag 1 (epoch-based date/time) over the seconds, as an integer when whole. */
    private static void timestamp(CBORGenerator g, JsonNode item) throws IOException {
        double seconds = item.isNumber() ? item.doubleValue()
                : OffsetDateTime.parse(item.textValue()).toInstant().toEpochMilli() / 1000.0;
        g.writeTag(1);
        if (seconds == Math.rint(seconds)) {
            g.writeNumber((long) seconds);
        } else {
            g.writeNumber(seconds);
        }
    }
}
