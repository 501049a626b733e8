package io.watchfloor.sources.local;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import java.util.List;
import java.util.Locale;

/**
 * The typed options of a {@code type: local} source.
 *
 * @param gpus           false for {@code gpus: off}
 * @param nvidiaSmiNamed whether the user named nvidia-smi; then its absence is a warning, not "no GPUs here"
 */
public record LocalOptions(String disk, boolean gpus, String nvidiaSmi, boolean nvidiaSmiNamed) {

    public static final List<String> KEYS = List.of("disk", "gpus", "nvidiaSmi");
    public static final LocalOptions DEFAULTS = new LocalOptions("/", true, "nvidia-smi", false);

    /** Reads the options, adding every problem; bad options fall back to their default. */
    public static LocalOptions parse(SourceConfig config, List<ConfigProblem> problems) {
        for (String key : config.options().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(config.positionOf(key), "unknown option '" + key
                        + "' for a local source; allowed: " + String.join(", ", KEYS)));
            }
        }
        String disk = text(config, "disk", DEFAULTS.disk, problems);
        String nvidiaSmi = text(config, "nvidiaSmi", DEFAULTS.nvidiaSmi, problems);
        return new LocalOptions(disk, gpus(config, problems), nvidiaSmi, config.options().containsKey("nvidiaSmi"));
    }

    private static String text(SourceConfig config, String key, String fallback, List<ConfigProblem> problems) {
        Object v = config.options().get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        problems.add(new ConfigProblem(config.positionOf(key), "option '" + key + "' must be a non-empty path or name"));
        return fallback;
    }

    /** YAML 1.1 readers turn a bare {@code off} into false, so booleans are accepted too. */
    private static boolean gpus(SourceConfig config, List<ConfigProblem> problems) {
        Object v = config.options().get("gpus");
        if (v == null) {
            return DEFAULTS.gpus;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> {
                    return true;
                }
                case "off" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        problems.add(new ConfigProblem(config.positionOf("gpus"), "option 'gpus' must be auto or off, got " + v));
        return DEFAULTS.gpus;
    }
}
