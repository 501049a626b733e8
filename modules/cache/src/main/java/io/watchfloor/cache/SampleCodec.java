package io.watchfloor.cache;

import java.util.Arrays;
import java.util.Base64;

/**
 * Compact text encoding of samples for the {@code sample_blocks} and {@code sample_journal} payload columns.
 * Binary layout, then Base64 (so the column is a portable VARCHAR):
 * <pre>
 *   block:   version(1) count(varint) firstTs(zigzag varlong) { tsDelta(varlong, &gt;= 0) value }*
 *   journal: version(1) count(varint) baseTs(zigzag varlong)  { seriesId(varint) tsOffset(zigzag varlong) value }*
 *   value:   varlong(zigzag(l) &lt;&lt; 1)      when the value is an integer l with |l| &lt; 2^52 (and not -0.0)
 *            varlong(1) + 8 bytes IEEE-754 otherwise (exact for every finite double)
 * </pre>
 * A 1 s series of integral metrics costs about 3 bytes a sample before Base64.
 */
final class SampleCodec {
    static final int VERSION = 1;
    /** Most samples in one block row: keeps the payload under the VARCHAR(16384) column. */
    static final int MAX_BLOCK_SAMPLES = 512;
    /** Most samples in one journal row: keeps the payload under the VARCHAR(100000) column. */
    static final int MAX_JOURNAL_SAMPLES = 2048;

    private static final long INTEGRAL_LIMIT = 1L << 52;

    private SampleCodec() {
    }

    // ---- blocks ----

    /** Encodes samples {@code [from, to)} of one series; times must be strictly increasing. */
    static String encodeBlock(long[] ts, double[] v, int from, int to) {
        Sink s = new Sink(16 + (to - from) * 4);
        s.put(VERSION);
        s.varlong(to - from);
        s.varlong(zigzag(ts[from]));
        long prev = ts[from];
        for (int i = from; i < to; i++) {
            s.varlong(ts[i] - prev);
            prev = ts[i];
            s.value(v[i]);
        }
        return s.base64();
    }

    /** Decodes a block and appends its samples with {@code from <= t <= to} to {@code out}. */
    static void decodeBlock(String payload, long from, long to, SampleList out) {
        Source s = new Source(Base64.getDecoder().decode(payload));
        s.version();
        int n = (int) s.varlong();
        out.ensure(n);
        long t = unzigzag(s.varlong());
        for (int i = 0; i < n; i++) {
            t += s.varlong();
            double value = s.value();
            if (t >= from && t <= to) {
                out.add(t, value);
            }
        }
    }

    // ---- journal ----

    /** Encodes samples {@code [from, to)} of parallel arrays (any order). */
    static String encodeJournal(int[] series, long[] ts, double[] v, int from, int to) {
        long base = Long.MAX_VALUE;
        for (int i = from; i < to; i++) {
            base = Math.min(base, ts[i]);
        }
        Sink s = new Sink(16 + (to - from) * 6);
        s.put(VERSION);
        s.varlong(to - from);
        s.varlong(zigzag(base));
        for (int i = from; i < to; i++) {
            s.varlong(series[i]);
            s.varlong(zigzag(ts[i] - base));
            s.value(v[i]);
        }
        return s.base64();
    }

    /** Receives decoded journal samples. */
    interface JournalSink {
        void accept(int seriesId, long ts, double v);
    }

    static void decodeJournal(String payload, JournalSink sink) {
        Source s = new Source(Base64.getDecoder().decode(payload));
        s.version();
        int n = (int) s.varlong();
        long base = unzigzag(s.varlong());
        for (int i = 0; i < n; i++) {
            int series = (int) s.varlong();
            long t = base + unzigzag(s.varlong());
            sink.accept(series, t, s.value());
        }
    }

    // ---- primitives ----

    static long zigzag(long x) {
        return (x << 1) ^ (x >> 63);
    }

    static long unzigzag(long x) {
        return (x >>> 1) ^ -(x & 1);
    }

    private static final class Sink {
        private byte[] buf;
        private int len;

        Sink(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void put(int b) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len++] = (byte) b;
        }

        void varlong(long x) {
            while ((x & ~0x7FL) != 0) {
                put((int) ((x & 0x7F) | 0x80));
                x >>>= 7;
            }
            put((int) x);
        }

        void value(double d) {
            long l = (long) d;
            if (l == d && l > -INTEGRAL_LIMIT && l < INTEGRAL_LIMIT
                    && !(l == 0 && Double.doubleToRawLongBits(d) != 0L)) {
                varlong(zigzag(l) << 1);
            } else {
                varlong(1);
                long bits = Double.doubleToRawLongBits(d);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    put((int) (bits >>> shift));
                }
            }
        }

        String base64() {
            return Base64.getEncoder().encodeToString(Arrays.copyOf(buf, len));
        }
    }

    private static final class Source {
        private final byte[] buf;
        private int pos;

        Source(byte[] buf) {
            this.buf = buf;
        }

        void version() {
            int version = buf[pos++];
            if (version != VERSION) {
                throw new IllegalStateException("unknown sample encoding version " + version);
            }
        }

        long varlong() {
            long x = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                x |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return x;
                }
                shift += 7;
                if (shift > 63) {
                    throw new IllegalStateException("malformed varint in sample payload");
                }
            }
        }

        double value() {
            long tag = varlong();
            if ((tag & 1) == 0) {
                return (double) unzigzag(tag >>> 1);
            }
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (buf[pos++] & 0xFF);
            }
            return Double.longBitsToDouble(bits);
        }
    }
}
