package io.watchfloor.sources.azure;

import io.watchfloor.sources.HandClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token caching, refresh ahead of expiry and the auth states, with a fake credential and a hand-moved clock. */
class ArmTokensTest {
    private static final String SCOPE = "https://management.azure.com/.default";
    private final HandClock clock = new HandClock(Instant.parse("2026-11-23T12:00:00Z"));

    @Test
    void aTokenIsReusedUntilFiveMinutesBeforeItExpires() throws Exception {
        FakeCredential credential = new FakeCredential(clock, Duration.ofMinutes(10));
        ArmTokens tokens = new ArmTokens(credential, SCOPE, clock);

        assertThat(tokens.bearer()).isEqualTo("tok-1");
        assertThat(credential.lastScopes()).isEqualTo(List.of(SCOPE));
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(tokens.bearer()).isEqualTo("tok-1");
        assertThat(credential.requests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1)); // 12:05:00, five minutes before 12:10:00
        assertThat(tokens.bearer()).isEqualTo("tok-2");
        assertThat(credential.requests()).isEqualTo(2);
        assertThat(tokens.refreshProblem()).isNull();
    }

    @Test
    void aTokenShorterThanTheMarginIsFetchedForEveryCall() throws Exception {
        FakeCredential credential = new FakeCredential(clock, Duration.ofMinutes(3));
        ArmTokens tokens = new ArmTokens(credential, SCOPE, clock);

        assertThat(tokens.bearer()).isEqualTo("tok-1");
        assertThat(tokens.bearer()).isEqualTo("tok-2");
    }

    @Test
    void noCredentialIsAuthFailedWithWhatToDo() {
        FakeCredential credential = new FakeCredential(clock, Duration.ofHours(1)).failNext(() ->
                new CredentialUnavailableException("DefaultAzureCredential failed to retrieve a token from the included"
                        + " credentials.\nAttempted credentials:\n  EnvironmentCredential authentication unavailable."
                        + "\n  AzureCliCredential authentication unavailable. Azure CLI not installed."));
        ArmTokens tokens = new ArmTokens(credential, SCOPE, clock);

        SourceException e = catchThrowableOfType(SourceException.class, tokens::bearer);

        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage())
                .startsWith("no usable Azure credential: run az login, or set AZURE_CLIENT_ID/AZURE_TENANT_ID/"
                        + "AZURE_CLIENT_SECRET for a service principal")
                .contains("(DefaultAzureCredential failed to retrieve a token from the included credentials.)")
                .doesNotContain("\n");
    }

    @Test
    void aSignInThatWorkedAndCannotBeRenewedIsAuthExpiredOnceTheTokenRunsOut() throws Exception {
        FakeCredential credential = new FakeCredential(clock, Duration.ofMinutes(10));
        ArmTokens tokens = new ArmTokens(credential, SCOPE, clock);
        assertThat(tokens.bearer()).isEqualTo("tok-1");

        // 12:06: the refresh ahead fails, the old token is good until 12:10 and keeps being used, with a warning
        clock.advance(Duration.ofMinutes(6));
        credential.failNext(() -> new ClientAuthenticationException(
                "AzureCliCredential authentication unavailable. AADSTS700082: The refresh token has expired", null));
        assertThat(tokens.bearer()).isEqualTo("tok-1");
        assertThat(tokens.refreshProblem()).contains("AADSTS700082").contains("works until 2026-11-23T12:10:00Z");

        // 12:10: expired and still not renewable
        clock.advance(Duration.ofMinutes(4));
        credential.failNext(() -> new ClientAuthenticationException("AADSTS700082: The refresh token has expired", null));
        SourceException e = catchThrowableOfType(SourceException.class, tokens::bearer);
        assertThat(e.kind()).isEqualTo(Kind.AUTH_EXPIRED);
        assertThat(e.getMessage()).contains("sign in again: az login").contains("AADSTS700082");

        // a later sign-in recovers
        assertThat(tokens.bearer()).isEqualTo("tok-2");
        assertThat(tokens.refreshProblem()).isNull();
    }

    @Test
    void aTokenResourceManagerCalledExpiredIsNotUsedAgain() throws Exception {
        FakeCredential credential = new FakeCredential(clock, Duration.ofMinutes(60));
        ArmTokens tokens = new ArmTokens(credential, SCOPE, clock);
        assertThat(tokens.bearer()).isEqualTo("tok-1");

        tokens.invalidate();
        assertThat(tokens.bearer()).isEqualTo("tok-2");
    }

    @Test
    void anUnreachableTokenEndpointIsUnreachable() {
        FakeCredential credential = new FakeCredential(clock, Duration.ofHours(1)).failNext(() ->
                new UncheckedIOException(new ConnectException("Connection refused: login.microsoftonline.com")));
        ArmTokens tokens = new ArmTokens(credential, SCOPE, clock);

        SourceException e = catchThrowableOfType(SourceException.class, tokens::bearer);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("could not get an Azure token: ").contains("Connection refused");
    }
}
