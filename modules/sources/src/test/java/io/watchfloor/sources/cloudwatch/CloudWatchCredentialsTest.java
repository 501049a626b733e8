package io.watchfloor.sources.cloudwatch;

import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.bedrock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.sso.auth.ExpiredTokenException;

/** Credentials that cannot be had are reported before any call goes out. */
class CloudWatchCredentialsTest {
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SourceException pollWith(AwsCredentialsProvider credentials) {
        var config = CloudWatchConfigs.source(CloudWatchConfigs.options("us-east-1", server.url("/").toString()),
                Duration.ofSeconds(5));
        var context = new SourceContext(CloudWatchConfigs.CLOCK, Thresholds.DEFAULTS,
                List.of(bedrock("haiku", "anthropic.claude-3-haiku-20240307-v1:0")));
        try (CloudWatchSource source = new CloudWatchSourceProvider().create(config, context, credentials, false)) {
            source.poll();
        } catch (SourceException e) {
            return e;
        }
        throw new AssertionError("the poll should have failed");
    }

    @Test
    void anExpiredSsoSessionAsksForALogin() {
        // what the SDK's SSO credentials provider throws once the cached SSO token is past its expiry
        SourceException e = pollWith(() -> {
            throw ExpiredTokenException.builder().message("The SSO session associated with this profile has expired "
                    + "or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding "
                    + "profile.").build();
        });

        assertThat(e.kind()).isEqualTo(Kind.AUTH_EXPIRED);
        assertThat(e.getMessage()).isEqualTo("the AWS SSO session of profile prod has expired: "
                + "run aws sso login --profile prod");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aProfileWithoutCredentialsSaysHowToSetItUp(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "[staging]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        ProfileCredentialsProvider prod = ProfileCredentialsProvider.builder()
                .profileFile(ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build())
                .profileName("prod").build();

        SourceException e = pollWith(prod);

        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).isEqualTo("no AWS credentials for profile prod (the AWS config files have none "
                + "for profile prod): run aws sso login --profile prod (SSO) or aws configure --profile prod (keys), "
                + "and check the profile in ~/.aws/config");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theDefaultChainSaysWhereItLooked() {
        // the start of what DefaultCredentialsProvider throws on a machine without any credentials
        var e = new AwsFailures(null).credentials(SdkClientException.create("Unable to load credentials from any of "
                + "the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentials"
                + "Provider(), EnvironmentVariableCredentialsProvider()]) : [SystemPropertyCredentialsProvider(): "
                + "Unable to load credentials from system settings.]"));

        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).isEqualTo("no AWS credentials (none in the environment, the AWS config files, a "
                + "web identity, a container or an instance role): set AWS_PROFILE or profile: on the source, run "
                + "aws sso login or aws configure, or run where an IAM role is attached");
    }

    @Test
    void accessKeyIdsAreMaskedInAwsText() {
        assertThat(AwsFailures.redact("Credential=AKIAIOSFODNN7EXAMPLE/20261123/us-east-1 and ASIAY34FZKBOKMUTVV7A"))
                .isEqualTo("Credential=***/20261123/us-east-1 and ***");
    }
}
