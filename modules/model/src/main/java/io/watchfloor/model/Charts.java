package io.watchfloor.model;

import java.util.List;

/**
 * Which metrics of a tile are kept as short in-memory history (sparklines, detail charts) and under which key they
 * appear in {@link WallSnapshot#sparklines()}. GPU and host tiles keep one series under the bare tile id (the wall's
 * sparkline); endpoint and probe tiles keep several, each under "tileId#metric".
 */
public final class Charts {
    private static final List<Metric> GPU = List.of(Metric.UTIL_PCT);
    private static final List<Metric> HOST = List.of(Metric.CPU_PCT);
    private static final List<Metric> ENDPOINT = List.of(Metric.P50_MS, Metric.P95_MS, Metric.AVG_MS,
            Metric.ERROR_PCT, Metric.THROTTLE_PCT, Metric.REQUESTS_PM, Metric.AVAILABILITY_PCT);
    private static final List<Metric> PROBE = List.of(Metric.PROBE_MS, Metric.PROBE_UP);

    private Charts() {
    }

    /** The charted metrics of a tile kind, main one first. */
    public static List<Metric> metrics(TileKind kind) {
        return switch (kind) {
            case GPU -> GPU;
            case HOST -> HOST;
            case ENDPOINT -> ENDPOINT;
            case PROBE -> PROBE;
        };
    }

    /** The key of a charted series in the snapshot's sparkline map. */
    public static String key(TileKey tile, Metric metric) {
        return key(tile.id(), tile.kind(), metric);
    }

    public static String key(String tileId, TileKind kind, Metric metric) {
        if ((kind == TileKind.GPU || kind == TileKind.HOST) && metric == metrics(kind).getFirst()) {
            return tileId;
        }
        return tileId + "#" + metric.wireName();
    }
}
