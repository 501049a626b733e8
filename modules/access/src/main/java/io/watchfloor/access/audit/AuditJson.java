package io.watchfloor.access.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON of the audit log: details as stored, and the JSON Lines export. */
public final class AuditJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private AuditJson() {
    }

    static String detailsJson(Map<String, String> details) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            writeDetails(g, details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** @throws IllegalArgumentException when the text is not a JSON object of strings */
    static Map<String, String> parseDetails(String json) {
        if (json == null) {
            throw new IllegalArgumentException("details are missing");
        }
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("details are not a JSON object");
            }
            Map<String, String> out = readStringObject(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("details have trailing text");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("details are not valid JSON", e);
        }
    }

    /** One object per line: seq, at (ISO-8601 UTC), event, user, machine, hostId, requestId, reason, details, prevHash, hash. */
    public static void writeJsonl(List<AuditRecord> records, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (AuditRecord r : records) {
            StringWriter line = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(line)) {
                AuditEntry e = r.entry();
                g.writeStartObject();
                g.writeNumberField("seq", r.seq());
                g.writeStringField("at", r.at().toString());
                g.writeStringField("event", e.event().wireName());
                g.writeStringField("user", e.user());
                g.writeStringField("machine", e.machine());
                g.writeStringField("hostId", e.hostId());
                g.writeStringField("requestId", e.requestId());
                g.writeStringField("reason", e.reason());
                g.writeFieldName("details");
                writeDetails(g, e.details());
                g.writeStringField("prevHash", r.prevHash());
                g.writeStringField("hash", r.hash());
                g.writeEndObject();
            }
            w.write(line.toString());
            w.write('\n');
        }
        w.flush();
    }

    /** Reads an export back (to compare with the live log, or to verify an archived copy). */
    public static List<AuditRecord> readJsonl(InputStream in) throws IOException {
        List<AuditRecord> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("line " + lineNo + " is not a JSON object");
                }
                Map<String, String> f = new TreeMap<>();
                Map<String, String> details = Map.of();
                long seq = -1;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "seq" -> seq = p.getLongValue();
                        case "details" -> details = readStringObject(p);
                        default -> f.put(name, t == JsonToken.VALUE_NULL ? null : p.getText());
                    }
                }
                AuditEntry e = new AuditEntry(AuditEvent.fromWire(f.get("event")), f.get("user"), f.get("machine"),
                        f.get("hostId"), f.get("requestId"), f.get("reason"), details);
                out.add(new AuditRecord(seq, Instant.parse(f.get("at")), e, f.get("prevHash"), f.get("hash")));
            } catch (RuntimeException e) {
                throw new IOException("line " + lineNo + " is not an audit record: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void writeDetails(JsonGenerator g, Map<String, String> details) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, String> d : new TreeMap<>(details).entrySet()) {
            g.writeStringField(d.getKey(), d.getValue());
        }
        g.writeEndObject();
    }

    private static Map<String, String> readStringObject(JsonParser p) throws IOException {
        Map<String, String> out = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("detail " + key + " is not a string");
            }
            out.put(key, p.getText());
        }
        return out;
    }
}
