package io.watchfloor.sources.prometheus;

import io.watchfloor.sources.HandClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import io.watchfloor.config.Auth;
import io.watchfloor.config.Secret;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiring bearer tokens (Google auth) in {@link PrometheusClient}, with a fake token supplier and a hand clock. */
class PrometheusClientTokenTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final String EMPTY = "query-vector-empty-result.json";

    /** Hands out the scripted tokens or failures in order and notes on which thread it was asked. */
    private static final class ScriptedTokens implements TokenSupplier {
        final Deque<Object> script = new ArrayDeque<>();
        final List<String> threads = new ArrayList<>();

        ScriptedTokens then(String value, Instant expiresAt) {
            script.add(new BearerToken(value, expiresAt));
            return this;
        }

        ScriptedTokens thenFail(String message) {
            script.add(new IOException(message));
            return this;
        }

        @Override
        public synchronized BearerToken fetch() throws IOException {
            threads.add(Thread.currentThread().getName());
            Object next = script.removeFirst();
            if (next instanceof IOException e) {
                throw e;
            }
            return (BearerToken) next;
        }
    }

    private MockWebServer server;
    private PrometheusClient client;
    private final HandClock clock = new HandClock(T0);
    private final ScriptedTokens tokens = new ScriptedTokens();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        client = new PrometheusClient(HttpSettings.of(server.url("/").uri())
                .withAuth(new Auth.Google(List.of(Auth.Google.CLOUD_PLATFORM))), tokens, clock);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private String authorizationOfNextQuery() throws Exception {
        server.enqueue(PrometheusClientTest.fixture(EMPTY));
        client.query("up", null);
        return server.takeRequest().getHeaders().get("Authorization");
    }

    @Test
    void tokenIsSentAndFetchedOnTheCallingThreadNotOkHttps() throws Exception {
        tokens.then("ya29.first", T0.plus(Duration.ofHours(1)));

        server.enqueue(PrometheusClientTest.fixture(EMPTY));
        client.queryAsync("up", null).get();

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer ya29.first");
        assertThat(tokens.threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void tokenIsKeptUntilFiveMinutesBeforeExpiryThenRenewed() throws Exception {
        tokens.then("ya29.first", T0.plus(Duration.ofHours(1))).then("ya29.second", T0.plus(Duration.ofHours(2)));

        assertThat(authorizationOfNextQuery()).isEqualTo("Bearer ya29.first");
        clock.advance(Duration.ofMinutes(54));
        assertThat(authorizationOfNextQuery()).isEqualTo("Bearer ya29.first");
        assertThat(tokens.threads).hasSize(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // 4:59 before expiry
        assertThat(authorizationOfNextQuery()).isEqualTo("Bearer ya29.second");
        assertThat(tokens.threads).hasSize(2);
    }

    @Test
    void shortLivedTokensAreRenewedAtHalfTheirLife() throws Exception {
        tokens.then("short-1", T0.plus(Duration.ofMinutes(4))).then("short-2", T0.plus(Duration.ofMinutes(8)));

        assertThat(authorizationOfNextQuery()).isEqualTo("Bearer short-1");
        clock.advance(Duration.ofSeconds(119));
        assertThat(authorizationOfNextQuery()).isEqualTo("Bearer short-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(authorizationOfNextQuery()).isEqualTo("Bearer short-2");
    }

    @Test
    void failedRenewalKeepsUsingTheTokenWhileItIsValidThenIsAuthExpired() throws Exception {
        tokens.then("ya29.first", T0.plus(Duration.ofHours(1)))
                .thenFail("cannot get a Google access token (invalid_grant): " + GoogleTokenSupplier.HINT)
                .thenFail("cannot get a Google access token (invalid_grant): " + GoogleTokenSupplier.HINT);

        authorizationOfNextQuery();
        clock.advance(Duration.ofMinutes(58));
        assertThat(authorizationOfNextQuery()).isEqualTo("Bearer ya29.first");

        clock.advance(Duration.ofMinutes(2));
        int before = server.getRequestCount();
        assertThatThrownBy(() -> client.query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTH_EXPIRED);
                    assertThat(e.getMessage()).isEqualTo("the access token expired and could not be renewed: "
                            + "cannot get a Google access token (invalid_grant): run gcloud auth application-default"
                            + " login or set GOOGLE_APPLICATION_CREDENTIALS");
                });
        assertThat(server.getRequestCount()).isEqualTo(before); // nothing sent without a token
    }

    @Test
    void noCredentialsAtAllIsAuthAndTheLookupIsNotRepeatedForEveryQueryOfAPoll() throws Exception {
        tokens.thenFail("no Google application-default credentials found (not set): " + GoogleTokenSupplier.HINT)
                .then("ya29.after-login", T0.plus(Duration.ofHours(1)));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.query("up", null))
                    .asInstanceOf(throwable(SourceException.class))
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
                    .hasMessage("no Google application-default credentials found (not set): run gcloud auth "
                            + "application-default login or set GOOGLE_APPLICATION_CREDENTIALS");
        }
        assertThat(tokens.threads).hasSize(1);
        assertThat(server.getRequestCount()).isZero();

        clock.advance(TokenCache.RETRY_AFTER); // the next poll looks again: logging in needs no restart
        assertThat(authorizationOfNextQuery()).isEqualTo("Bearer ya29.after-login");
    }

    @Test
    void rejectedTokenIsReplacedOnTheNextQuery() throws Exception {
        tokens.then("ya29.revoked", T0.plus(Duration.ofHours(1))).then("ya29.fresh", T0.plus(Duration.ofHours(1)));
        server.enqueue(new MockResponse.Builder().code(401).build());

        assertThatThrownBy(() -> client.query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
                .hasMessage("authentication failed (HTTP 401): Google rejected the access token");
        server.takeRequest();

        assertThat(authorizationOfNextQuery()).isEqualTo("Bearer ya29.fresh");
    }

    @Test
    void forbiddenNamesTheMissingPermission() {
        tokens.then("ya29.first", T0.plus(Duration.ofHours(1)));
        server.enqueue(new MockResponse.Builder().code(403).body("{\"error\":{\"code\":403}}").build());

        assertThatThrownBy(() -> client.query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .hasMessageContaining("roles/monitoring.viewer");
    }

    @Test
    void tokensEchoedByTheServerAreMaskedOldAndNew() throws Exception {
        tokens.then("ya29.first-token", T0.plus(Duration.ofMinutes(10)))
                .then("ya29.second-token", T0.plus(Duration.ofHours(2)));
        authorizationOfNextQuery();
        clock.advance(Duration.ofMinutes(6));
        server.enqueue(new MockResponse.Builder().code(500)
                .body("proxy saw Bearer ya29.second-token after ya29.first-token").build());

        assertThatThrownBy(() -> client.query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ya29.").contains("Bearer *** after ***"));
    }

    @Test
    void aTokenSupplierNeedsGoogleAuth() {
        HttpSettings bearer = HttpSettings.of(server.url("/").uri()).withAuth(new Auth.Bearer(new Secret("abc")));

        assertThatThrownBy(() -> new PrometheusClient(bearer, tokens, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a token supplier needs auth type google");
    }
}
