package io.watchfloor.sources.prometheus;

/** Fleet-sized answers built by repeating the real 16xH100 capture under new host names. */
final class LargeAnswers {
    private LargeAnswers() {
    }

    /** The GPU_UTIL capture with its 2 hosts copied {@code copies} times: 16 x copies series. */
    static String dcgmUtilForHosts(int copies) {
        String real = Fixtures.prometheusApi("query-vector-DCGM_FI_DEV_GPU_UTIL-16xH100-eks.json");
        int open = real.indexOf('[', real.indexOf("\"result\""));
        int close = real.lastIndexOf(']');
        String series = real.substring(open + 1, close).strip();
        StringBuilder b = new StringBuilder(real.length() * copies).append(real, 0, open + 1);
        for (int i = 0; i < copies; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(series.replace("\"gpu-node-1\"", "\"gpu-node-" + (2 * i + 1) + "\"")
                    .replace("\"gpu-node-2\"", "\"gpu-node-" + (2 * i + 2) + "\""));
        }
        return b.append(real.substring(close)).toString();
    }
}
