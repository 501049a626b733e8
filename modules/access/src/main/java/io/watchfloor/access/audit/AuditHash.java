package io.watchfloor.access.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The chain hash of a record: SHA-256 over a length-prefixed serialisation, so no two different records (a field
 * moved into its neighbour, a detail key containing a separator) serialise alike. Layout: the tag
 * {@code watchfloor-audit-v1}, seq (i64), at in epoch millis (i64), event wire name, user, machine, hostId,
 * requestId, reason, the number of details (i32) and each key and value in key order, prevHash. Each string is an
 * i32 byte length (-1 for null) and its UTF-8 bytes.
 */
final class AuditHash {
    private static final String TAG = "watchfloor-audit-v1";

    private AuditHash() {
    }

    static String of(long seq, Instant at, AuditEntry e, String prevHash) {
        return of(seq, at.toEpochMilli(), e.event().wireName(), e.user(), e.machine(), e.hostId(), e.requestId(),
                e.reason(), e.details(), prevHash);
    }

    static String of(long seq, long atMillis, String event, String user, String machine, String hostId,
                     String requestId, String reason, Map<String, String> details, String prevHash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            string(out, TAG);
            out.writeLong(seq);
            out.writeLong(atMillis);
            string(out, event);
            string(out, user);
            string(out, machine);
            string(out, hostId);
            string(out, requestId);
            string(out, reason);
            SortedMap<String, String> sorted = new TreeMap<>(details);
            out.writeInt(sorted.size());
            for (Map.Entry<String, String> d : sorted.entrySet()) {
                string(out, d.getKey());
                string(out, d.getValue());
            }
            string(out, prevHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha256Hex(bytes.toByteArray());
    }

    static String sha256Hex(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
