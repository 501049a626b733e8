package io.watchfloor.model;

import java.util.Objects;

/**
 * Identity of a tile: a GPU (host + index, optionally a MIG instance), a whole host, or one side of an LLM
 * endpoint (see {@link TileKind}; for those {@code host} holds the endpoint id).
 * The UUID is carried for display and matching but the id is host + index, which is how
 * operators name GPUs ("gpu-a1 GPU 3").
 *
 * @param gpu         GPU index as a string ("0"), null for host tiles
 * @param uuid        GPU UUID when known, else null
 * @param migInstance MIG GPU instance id (DCGM label GPU_I_ID) when this is a MIG slice, else null
 */
public record TileKey(TileKind kind, String host, String gpu, String uuid, String migInstance) {

    public TileKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        if (kind == TileKind.GPU) {
            Objects.requireNonNull(gpu, "gpu");
        }
    }

    public static TileKey gpu(String host, String gpu, String uuid, String migInstance) {
        return new TileKey(TileKind.GPU, host, gpu, uuid, migInstance);
    }

    public static TileKey host(String host) {
        return new TileKey(TileKind.HOST, host, null, null, null);
    }

    /** Provider-reported signals of the LLM endpoint with this configured id (the id goes in {@code host}). */
    public static TileKey endpoint(String endpointId) {
        return new TileKey(TileKind.ENDPOINT, endpointId, null, null, null);
    }

    /** The console's own probe of the LLM endpoint with this configured id. */
    public static TileKey probe(String endpointId) {
        return new TileKey(TileKind.PROBE, endpointId, null, null, null);
    }

    /**
     * Stable id used in the cache, state JSON and the UI: "gpu-a1/gpu0", "gpu-a1/gpu0/mig1", "gpu-a1/host",
     * "endpoint:llama-onprem", "probe:llama-onprem".
     */
    public String id() {
        switch (kind) {
            case HOST -> {
                return host + "/host";
            }
            case ENDPOINT -> {
                return "endpoint:" + host;
            }
            case PROBE -> {
                return "probe:" + host;
            }
            default -> {
            }
        }
        return migInstance == null ? host + "/gpu" + gpu : host + "/gpu" + gpu + "/mig" + migInstance;
    }
}
