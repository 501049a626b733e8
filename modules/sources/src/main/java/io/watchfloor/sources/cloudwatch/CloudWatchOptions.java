package io.watchfloor.sources.cloudwatch;

import io.watchfloor.config.Auth;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed options of a {@code type: cloudwatch} source.
 *
 * @param region      the source's AWS region; endpoints may name another one
 * @param profile     the AWS profile (~/.aws/config) whose credentials and settings are used, null for the default chain
 * @param endpointUrl replaces the regional CloudWatch endpoint (VPC interface endpoint, test server), null for none
 * @param period      the CloudWatch metric period asked for: one datapoint covers this long
 */
public record CloudWatchOptions(String region, String profile, URI endpointUrl, Duration period) {

    public static final List<String> KEYS = List.of("region", "profile", "endpointUrl", "period");
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(60);

    // us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, ap-southeast-7, ...
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9._@+-]+");
    private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,9})s)?");

    /** Reads the options, adding every problem; a bad option falls back to a default, so only use a clean result. */
    public static CloudWatchOptions parse(SourceConfig config, List<ConfigProblem> problems) {
        Map<String, Object> opts = config.options();
        for (String key : opts.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(config.positionOf(key), "unknown option '" + key
                        + "' for a cloudwatch source; allowed: " + String.join(", ", KEYS)));
            }
        }
        commonKeys(config, problems);
        return new CloudWatchOptions(region(config, problems), profile(config, problems),
                endpointUrl(config, problems), period(config, problems));
    }

    /** Common source keys that make no sense for CloudWatch: say what to do instead. */
    private static void commonKeys(SourceConfig config, List<ConfigProblem> problems) {
        if (config.url() != null) {
            problems.add(new ConfigProblem(config.position(), "a cloudwatch source takes no url: it calls the "
                    + "CloudWatch API of its region; use endpointUrl for a VPC endpoint or a test server"));
        }
        if (config.auth() != null && !(config.auth() instanceof Auth.None)) {
            problems.add(new ConfigProblem(config.position(), "a cloudwatch source takes no auth: credentials come "
                    + "from the AWS default chain (environment, profile, SSO, role); name a profile instead"));
        }
        if (!config.headers().isEmpty()) {
            problems.add(new ConfigProblem(config.position(), "a cloudwatch source takes no headers: its requests "
                    + "are signed by the AWS SDK"));
        }
        if (config.caFile() != null) {
            problems.add(new ConfigProblem(config.position(), "a cloudwatch source takes no caFile: the AWS SDK uses "
                    + "the JVM trust store"));
        }
    }

    private static String region(SourceConfig config, List<ConfigProblem> problems) {
        Object v = config.options().get("region");
        if (v == null) {
            problems.add(new ConfigProblem(config.position(),
                    "a cloudwatch source needs a region, e.g. region: us-east-1"));
            return "us-east-1";
        }
        if (v instanceof String s && REGION.matcher(s.strip()).matches()) {
            return s.strip();
        }
        problems.add(new ConfigProblem(config.positionOf("region"),
                "option 'region' must be an AWS region name such as us-east-1, got " + v));
        return "us-east-1";
    }

    private static String profile(SourceConfig config, List<ConfigProblem> problems) {
        Object v = config.options().get("profile");
        if (v == null) {
            return null;
        }
        if (v instanceof String s && PROFILE.matcher(s.strip()).matches()) {
            return s.strip();
        }
        problems.add(new ConfigProblem(config.positionOf("profile"),
                "option 'profile' must be the name of a profile in ~/.aws/config, such as prod"));
        return null;
    }

    private static URI endpointUrl(SourceConfig config, List<ConfigProblem> problems) {
        Object v = config.options().get("endpointUrl");
        if (v == null) {
            return null;
        }
        String expected = "option 'endpointUrl' must be an absolute http or https URL without credentials, such as "
                + "https://vpce-0abc-monitoring.us-east-1.vpce.amazonaws.com";
        if (!(v instanceof String s)) {
            problems.add(new ConfigProblem(config.positionOf("endpointUrl"), expected));
            return null;
        }
        try {
            URI uri = new URI(s.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (scheme.equals("http") || scheme.equals("https"))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(new ConfigProblem(config.positionOf("endpointUrl"), expected));
        return null;
    }

    /**
     * AWS/Bedrock and AWS/SageMaker publish one datapoint a minute (standard resolution), so a period must be a
     * whole number of minutes; CloudWatch would reject anything else for these metrics.
     */
    private static Duration period(SourceConfig config, List<ConfigProblem> problems) {
        Object v = config.options().get("period");
        if (v == null) {
            return DEFAULT_PERIOD;
        }
        Duration d = v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? Duration.ofSeconds(n.longValue()) : v instanceof String s ? duration(s) : null;
        if (d != null && d.compareTo(DEFAULT_PERIOD) >= 0 && d.toSeconds() % 60 == 0 && d.toHours() <= 24) {
            return d;
        }
        problems.add(new ConfigProblem(config.positionOf("period"), "option 'period' must be a whole number of "
                + "minutes from 60s to 24h (CloudWatch keeps AWS/Bedrock and AWS/SageMaker metrics per minute), "
                + "such as 60s or 5m, got " + v));
        return DEFAULT_PERIOD;
    }

    /** "60s", "5m", "1h", "1h30m"; null when the text is none of these. */
    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (text.isBlank() || !m.matches()) {
            return null;
        }
        long seconds = 0;
        seconds += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600;
        seconds += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60;
        seconds += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        return Duration.ofSeconds(seconds);
    }
}
