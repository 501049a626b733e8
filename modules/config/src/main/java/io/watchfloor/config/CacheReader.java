package io.watchfloor.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code cache:}; every key is optional and falls back to {@link CacheConfig#DEFAULTS}. */
final class CacheReader {
    static final List<String> KEYS = List.of("raw", "rollupStep", "rollupRetention", "encryptionKeyEnv");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Duration MIN = Duration.ofSeconds(1);

    private final NodeReader reader;
    private final Map<String, String> env;

    CacheReader(NodeReader reader, Map<String, String> env) {
        this.reader = reader;
        this.env = env;
    }

    CacheConfig read(Node node) {
        CacheConfig d = CacheConfig.DEFAULTS;
        Section s = Section.of(reader, node, "cache", "expected a mapping with keys such as raw and rollupRetention");
        if (s == null) {
            return d;
        }
        s.rejectUnknown(reader, KEYS);
        Duration raw = s.has("raw") ? reader.duration(s.get("raw"), "cache.raw", MIN) : d.raw();
        Duration step = s.has("rollupStep") ? reader.duration(s.get("rollupStep"), "cache.rollupStep", MIN) : d.rollupStep();
        Duration retention = s.has("rollupRetention")
                ? reader.duration(s.get("rollupRetention"), "cache.rollupRetention", MIN) : d.rollupRetention();
        if (step != null && retention != null && step.compareTo(retention) >= 0) {
            Node at = s.has("rollupStep") ? s.get("rollupStep") : s.get("rollupRetention");
            reader.report(at, "cache.rollupStep", Durations.format(step) + " is not shorter than rollupRetention ("
                    + Durations.format(retention) + "); expected a step shorter than the retention");
        }
        String keyEnv = NodeReader.isNull(s.get("encryptionKeyEnv")) ? d.encryptionKeyEnv()
                : encryptionKeyEnv(s.get("encryptionKeyEnv"));
        return new CacheConfig(raw, step, retention, keyEnv);
    }

    /** The name of the variable that holds the key; the key itself must never be written in the file. */
    private String encryptionKeyEnv(Node node) {
        String path = "cache.encryptionKeyEnv";
        ScalarText name = reader.text(node, path, "expected the name of an environment variable such as WATCHFLOOR_CACHE_KEY");
        if (name == null) {
            return null;
        }
        if (!ENV_NAME.matcher(name.value()).matches()) {
            // not quoted: a value that is not a variable name may well be the key pasted in by mistake
            reader.report(node, path, "is not an environment variable name; expected the name (letters, digits, '_') "
                    + "of the variable that holds the key, such as WATCHFLOOR_CACHE_KEY, not the key itself");
            return null;
        }
        String key = env.get(name.value());
        if (key == null || key.isEmpty()) {
            reader.report(node, path, "environment variable " + name.value() + " is " + (key == null ? "not set" : "empty")
                    + "; expected it to hold the cache encryption key");
        }
        return name.value();
    }
}
