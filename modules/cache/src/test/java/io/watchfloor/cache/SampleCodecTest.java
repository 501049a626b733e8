package io.watchfloor.cache;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SampleCodecTest {

    @Test
    void blockRoundTripsEveryKindOfValueExactly() {
        double[] v = {0.0, -0.0, 1.0, -1.0, 97.0, 61.5, 300.25, 1e15, -1e15, 4.503599627370496E15, 1e300,
                Double.MIN_VALUE, -123456789.0, 0.1, Math.PI, Long.MAX_VALUE, Double.MAX_VALUE};
        long[] ts = new long[v.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 1_767_571_200_000L + i * 1000L + (i % 3);
        }
        String payload = SampleCodec.encodeBlock(ts, v, 0, v.length);
        SampleList out = new SampleList(1);
        SampleCodec.decodeBlock(payload, Long.MIN_VALUE, Long.MAX_VALUE, out);
        assertThat(out.size).isEqualTo(v.length);
        for (int i = 0; i < v.length; i++) {
            assertThat(out.ts[i]).isEqualTo(ts[i]);
            assertThat(Double.doubleToRawLongBits(out.v[i])).as("value %s", v[i])
                    .isEqualTo(Double.doubleToRawLongBits(v[i]));
        }
    }

    @Test
    void blockDecodeFiltersByRange() {
        long[] ts = {1000, 2000, 3000, 4000};
        double[] v = {1, 2, 3, 4};
        SampleList out = new SampleList(1);
        SampleCodec.decodeBlock(SampleCodec.encodeBlock(ts, v, 0, 4), 2000, 3000, out);
        assertThat(out.size).isEqualTo(2);
        assertThat(out.ts[0]).isEqualTo(2000);
        assertThat(out.v[1]).isEqualTo(3.0);
    }

    @Test
    void journalRoundTripsUnorderedSamples() {
        Random rnd = new Random(7);
        int n = SampleCodec.MAX_JOURNAL_SAMPLES;
        int[] sid = new int[n];
        long[] ts = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            sid[i] = rnd.nextInt(100_000);
            ts[i] = 1_767_571_200_000L + rnd.nextInt(1_000_000) - 500_000;
            v[i] = rnd.nextBoolean() ? rnd.nextInt(100) : rnd.nextGaussian() * 1e6;
        }
        String payload = SampleCodec.encodeJournal(sid, ts, v, 0, n);
        assertThat(payload.length()).isLessThan(100_000);
        List<Object[]> got = new ArrayList<>();
        SampleCodec.decodeJournal(payload, (s, t, x) -> got.add(new Object[] {s, t, x}));
        assertThat(got).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(got.get(i)).containsExactly(sid[i], ts[i], v[i]);
        }
    }

    @Test
    void worstCasePayloadsFitTheirColumns() {
        int n = SampleCodec.MAX_BLOCK_SAMPLES;
        long[] ts = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = Long.MAX_VALUE / 4 + (long) i * Integer.MAX_VALUE * 1000L;
            v[i] = Math.PI * i;
        }
        assertThat(SampleCodec.encodeBlock(ts, v, 0, n).length()).isLessThanOrEqualTo(16384);
        int m = SampleCodec.MAX_JOURNAL_SAMPLES;
        int[] sid = new int[m];
        long[] jt = new long[m];
        double[] jv = new double[m];
        for (int i = 0; i < m; i++) {
            sid[i] = Integer.MAX_VALUE;
            jt[i] = (i % 2 == 0) ? 0 : Long.MAX_VALUE / 2;
            jv[i] = Math.E * i;
        }
        assertThat(SampleCodec.encodeJournal(sid, jt, jv, 0, m).length()).isLessThanOrEqualTo(100_000);
    }

    @Test
    void seriesBufferKeepsOrderAndReplacesEqualTimes() {
        SeriesBuffer b = new SeriesBuffer();
        assertThat(b.add(3000, 3)).isEqualTo(1);
        assertThat(b.add(1000, 1)).isEqualTo(1);
        assertThat(b.add(2000, 2)).isEqualTo(1);
        assertThat(b.add(2000, 20)).isZero();
        for (int i = 4; i < 100; i++) {
            b.add(i * 1000L, i);
        }
        SampleList all = new SampleList(1);
        b.copyRange(Long.MIN_VALUE, Long.MAX_VALUE, all);
        assertThat(all.size).isEqualTo(99);
        assertThat(all.strictlyIncreasing()).isTrue();
        assertThat(all.v[1]).isEqualTo(20.0);
        assertThat(b.removeBefore(50_000)).isEqualTo(49);
        assertThat(b.size()).isEqualTo(50);
        SampleList rest = b.copyBefore(Long.MAX_VALUE);
        assertThat(rest.ts[0]).isEqualTo(50_000);
    }
}
