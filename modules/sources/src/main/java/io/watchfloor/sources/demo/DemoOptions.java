package io.watchfloor.sources.demo;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import java.util.List;
import java.util.Map;

/**
 * The typed options of a {@code type: demo} source.
 *
 * @param endpoints whether to simulate the six demo LLM endpoints as well (default true; benchmarks of the GPU wall
 *                  turn them off)
 */
public record DemoOptions(int hosts, int gpusPerHost, DemoGpuModel model, long seed, boolean endpoints) {

    public static final List<String> KEYS = List.of("hosts", "gpusPerHost", "model", "memoryMib", "seed", "endpoints");
    public static final DemoOptions DEFAULTS =
            new DemoOptions(6, 8, DemoGpuModel.known(DemoGpuModel.DEFAULT_NAME).orElseThrow(), 42, true);

    /** A GPU fleet with the demo endpoints. */
    public DemoOptions(int hosts, int gpusPerHost, DemoGpuModel model, long seed) {
        this(hosts, gpusPerHost, model, seed, true);
    }

    /**
     * Reads the options of {@code config}, adding every problem to {@code problems}; where an option
     * is bad its default is used, so the result is only meaningful when no problem was added.
     */
    public static DemoOptions parse(SourceConfig config, List<ConfigProblem> problems) {
        Map<String, Object> opts = config.options();
        for (String key : opts.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(config.positionOf(key), "unknown option '" + key
                        + "' for a demo source; allowed: " + String.join(", ", KEYS)));
            }
        }
        int hosts = (int) integer(config, "hosts", DEFAULTS.hosts, 1, 512, problems);
        int gpus = (int) integer(config, "gpusPerHost", DEFAULTS.gpusPerHost, 1, 16, problems);
        long seed = integer(config, "seed", DEFAULTS.seed, Long.MIN_VALUE, Long.MAX_VALUE, problems);
        Long memoryMib = opts.containsKey("memoryMib")
                ? integer(config, "memoryMib", 0, 1024, 4L * 1024 * 1024, problems) : null;
        String name = DemoGpuModel.DEFAULT_NAME;
        Object rawModel = opts.get("model");
        if (rawModel != null) {
            if (rawModel instanceof String s && !s.isBlank()) {
                name = s.strip();
            } else {
                problems.add(new ConfigProblem(config.positionOf("model"), "option 'model' must be a GPU model name"));
            }
        }
        if (memoryMib == null && DemoGpuModel.known(name).isEmpty()) {
            problems.add(new ConfigProblem(config.positionOf("model"), "unknown demo GPU model '" + name
                    + "': set memoryMib, or use one of " + DemoGpuModel.KNOWN.stream().map(DemoGpuModel::name).toList()));
        }
        boolean endpoints = DEFAULTS.endpoints;
        Object rawEndpoints = opts.get("endpoints");
        if (rawEndpoints != null) {
            if (rawEndpoints instanceof Boolean b) {
                endpoints = b;
            } else {
                problems.add(new ConfigProblem(config.positionOf("endpoints"),
                        "option 'endpoints' must be true or false, got " + rawEndpoints));
            }
        }
        return new DemoOptions(hosts, gpus, DemoGpuModel.of(name, memoryMib), seed, endpoints);
    }

    private static long integer(SourceConfig config, String key, long fallback, long min, long max,
                                List<ConfigProblem> problems) {
        Object v = config.options().get(key);
        if (v == null) {
            return fallback;
        }
        Long value = whole(v);
        if (value != null && value >= min && value <= max) {
            return value;
        }
        String range = min == Long.MIN_VALUE ? "an integer" : "an integer from " + min + " to " + max;
        problems.add(new ConfigProblem(config.positionOf(key), "option '" + key + "' must be " + range + ", got " + v));
        return fallback;
    }

    /** YAML integers arrive as Integer or Long; a whole Double ("8.0") is accepted too. */
    private static Long whole(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return null;
    }
}
