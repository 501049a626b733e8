package io.watchfloor.sources.cloudwatch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients of one source: one per region its endpoints live in (a client signs for and talks to one
 * region), all sharing one credentials provider and one HTTP client.
 *
 * <p>Retries are kept to 2 attempts and every attempt to the source's timeout: the engine expects a poll to end
 * within that timeout, and a source that is down should say so within one interval rather than retry for long.
 */
final class CloudWatchClients implements AutoCloseable {
    static final int MAX_ATTEMPTS = 2;

    private final AwsCredentialsProvider credentials;
    private final boolean ownsCredentials;
    private final SdkHttpClient http;
    private final Map<String, CloudWatchClient> byRegion = new LinkedHashMap<>();
    private final CloudWatchOptions options;

    /**
     * @param credentials     where the keys come from
     * @param ownsCredentials whether closing these clients closes the provider (true for the default chain)
     */
    CloudWatchClients(CloudWatchOptions options, Duration timeout, List<String> regions,
                      AwsCredentialsProvider credentials, boolean ownsCredentials) {
        this.options = options;
        this.credentials = credentials;
        this.ownsCredentials = ownsCredentials;
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build();
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .apiCallAttemptTimeout(timeout)
                .apiCallTimeout(timeout);
        if (options.profile() != null) {
            // settings such as retry_mode or a CA bundle come from the same profile as the keys
            override.defaultProfileName(options.profile());
        }
        ClientOverrideConfiguration config = override.build();
        for (String region : regions) {
            var builder = CloudWatchClient.builder()
                    .region(Region.of(region))
                    .credentialsProvider(credentials)
                    .httpClient(http)
                    .overrideConfiguration(config);
            if (options.endpointUrl() != null) {
                builder.endpointOverride(options.endpointUrl());
            }
            byRegion.put(region, builder.build());
        }
    }

    /** The AWS default chain (environment, profile with SSO or keys, web identity, container, instance role). */
    static AwsCredentialsProvider defaultChain(CloudWatchOptions options) {
        DefaultCredentialsProvider.Builder b = DefaultCredentialsProvider.builder();
        if (options.profile() != null) {
            b.profileName(options.profile());
        }
        return b.build();
    }

    AwsCredentialsProvider credentials() {
        return credentials;
    }

    CloudWatchClient client(String region) {
        return byRegion.get(region);
    }

    /** "CloudWatch in us-east-1", or with the override URL when one is set. */
    String describe(String region) {
        return options.endpointUrl() == null ? "CloudWatch in " + region
                : "CloudWatch at " + options.endpointUrl() + " (" + region + ")";
    }

    @Override
    public void close() {
        byRegion.values().forEach(CloudWatchClient::close);
        http.close();
        if (ownsCredentials && credentials instanceof SdkAutoCloseable c) {
            c.close();
        }
    }
}
