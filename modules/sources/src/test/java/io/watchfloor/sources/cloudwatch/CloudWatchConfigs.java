package io.watchfloor.sources.cloudwatch;

import ch.qos.logback.classic.Level;
import io.watchfloor.config.Auth;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.Position;
import io.watchfloor.config.Provider;
import io.watchfloor.config.SourceConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Source and endpoint entries as the config loader builds them, and the static keys the wire tests sign with. */
final class CloudWatchConfigs {
    static final Path FILE = Path.of("watchfloor.yaml");
    static final Position ENTRY = new Position(FILE, 4, 5);
    /** AWS's documented example keys: signing needs a pair, and neither may ever show up in a message. */
    static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final AwsCredentialsProvider TEST_KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_KEY));
    /** 30 s into a minute: the poll window ends at 10:00:00 and its newest period starts at 09:59. */
    static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant LATEST = Instant.parse("2026-11-23T09:59:00Z");

    static {
        // the SDK logs every request, signature steps included, at DEBUG; the default logback setup shows DEBUG
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("software.amazon.awssdk")).setLevel(Level.INFO);
    }

    private CloudWatchConfigs() {
    }

    /** A source entry; each option on its own line (line 6, 7, ... in key order). */
    static SourceConfig source(Map<String, Object> options, Duration timeout) {
        Map<String, Position> positions = new HashMap<>();
        int line = 6;
        for (String key : options.keySet().stream().sorted().toList()) {
            positions.put(key, new Position(FILE, line++, 7));
        }
        return new SourceConfig("aws", "cloudwatch", Duration.ofSeconds(60), timeout, null, Auth.NONE, Map.of(), null,
                options, positions, ENTRY);
    }

    static Map<String, Object> options(String region, String endpointUrl) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("region", region);
        o.put("profile", "prod");
        if (endpointUrl != null) {
            o.put("endpointUrl", endpointUrl);
        }
        return o;
    }

    static EndpointConfig bedrock(String id, String model) {
        return endpoint(id, Provider.BEDROCK, Map.of("model", model));
    }

    static EndpointConfig bedrock(String id, String model, String region) {
        return endpoint(id, Provider.BEDROCK, Map.of("model", model, "region", region));
    }

    static EndpointConfig sagemaker(String id, String endpointName) {
        return endpoint(id, Provider.SAGEMAKER, Map.of("endpointName", endpointName));
    }

    static EndpointConfig endpoint(String id, Provider provider, Map<String, String> identity) {
        return new EndpointConfig(id, null, provider, null, "aws", identity, null, null, null,
                new Position(FILE, 30, 5));
    }
}
