package io.watchfloor.sources.prometheus;

import io.watchfloor.sources.HandClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.GoogleCredentials;
import io.watchfloor.config.Auth;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GoogleTokenSupplier} driving the real google-auth library: a service-account key file (the kind
 * GOOGLE_APPLICATION_CREDENTIALS names) whose token_uri is this MockWebServer, which also plays Prometheus.
 * The token endpoint answers as Google's OAuth 2.0 token endpoint does (access_token, expires_in, token_type).
 */
class GoogleTokenSupplierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MockWebServer server;
    private final Queue<MockResponse> tokenAnswers = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().equals("/token")) {
                    MockResponse next = tokenAnswers.poll();
                    return next != null ? next : new MockResponse.Builder().code(500).build();
                }
                return PrometheusClientTest.fixture("query-vector-empty-result.json");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse tokenAnswer(String token, int expiresIn) {
        return PrometheusClientTest.json(200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn
                + ",\"token_type\":\"Bearer\"}");
    }

    /** One throwaway RSA key for the class: generating one takes a noticeable part of a second. */
    private static final String PRIVATE_KEY_PEM = privateKeyPem();

    private static String privateKeyPem() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(gen.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service-account key file as the IAM console writes it, with a throwaway key and our token_uri. */
    private String keyFile() throws IOException {
        String pem = PRIVATE_KEY_PEM;
        Map<String, String> key = new LinkedHashMap<>();
        key.put("type", "service_account");
        key.put("project_id", "my-project");
        key.put("private_key_id", "0123456789abcdef");
        key.put("private_key", pem);
        key.put("client_email", "watchfloor@my-project.iam.gserviceaccount.com");
        key.put("client_id", "100000000000000000001");
        key.put("token_uri", server.url("/token").toString());
        return JSON.writeValueAsString(key);
    }

    private GoogleTokenSupplier supplier(List<String> scopes) throws Exception {
        String key = keyFile();
        return new GoogleTokenSupplier(scopes,
                () -> GoogleCredentials.fromStream(new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8))));
    }

    private static JsonNode jwtClaims(String formBody) throws IOException {
        String assertion = null;
        for (String pair : formBody.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals("assertion")) {
                assertion = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        assertThat(assertion).isNotNull();
        return JSON.readTree(Base64.getUrlDecoder().decode(assertion.split("\\.")[1]));
    }

    @Test
    void serviceAccountKeyGetsAScopedTokenThatExpiresWhenGoogleSays() throws Exception {
        tokenAnswers.add(tokenAnswer("ya29.c.service-account-token", 3599));

        Instant before = Instant.now();
        TokenSupplier.BearerToken t = supplier(List.of()).fetch();

        assertThat(t.value()).isEqualTo("ya29.c.service-account-token");
        assertThat(Duration.between(before, t.expiresAt()).toSeconds()).isCloseTo(3599L, within(5L));
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("POST");
        String form = req.getBody().utf8();
        assertThat(form).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
        JsonNode claims = jwtClaims(form);
        assertThat(claims.path("scope").asText()).isEqualTo(Auth.Google.CLOUD_PLATFORM); // empty list: the default
        assertThat(claims.path("iss").asText()).isEqualTo("watchfloor@my-project.iam.gserviceaccount.com");
        // the library addresses the assertion to Google's token server whatever the key's token_uri says
        assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
    }

    @Test
    void queriesCarryTheTokenEndToEnd() throws Exception {
        tokenAnswers.add(tokenAnswer("ya29.c.end-to-end", 3599));
        HttpSettings s = HttpSettings.of(server.url("/prometheus").uri())
                .withAuth(new Auth.Google(List.of("https://www.googleapis.com/auth/monitoring.read")));

        try (PrometheusClient client = new PrometheusClient(s, supplier(((Auth.Google) s.auth()).scopes()),
                Clock.systemUTC())) {
            client.query("up", null);
            client.query("up", null);
        }

        RecordedRequest token = server.takeRequest();
        assertThat(jwtClaims(token.getBody().utf8()).path("scope").asText())
                .isEqualTo("https://www.googleapis.com/auth/monitoring.read");
        for (int i = 0; i < 2; i++) {
            RecordedRequest q = server.takeRequest();
            assertThat(q.getUrl().encodedPath()).isEqualTo("/prometheus/api/v1/query");
            assertThat(q.getHeaders().get("Authorization")).isEqualTo("Bearer ya29.c.end-to-end");
        }
        assertThat(server.getRequestCount()).isEqualTo(3); // one token for both queries
    }

    @Test
    void missingCredentialsSayHowToProvideThem() {
        GoogleTokenSupplier none = new GoogleTokenSupplier(List.of(), () -> {
            throw new IOException("Your default credentials were not found. To set up Application Default "
                    + "Credentials for your environment, see "
                    + "https://cloud.google.com/docs/authentication/external/set-up-adc.");
        });

        assertThatThrownBy(none::fetch).isInstanceOf(IOException.class)
                .hasMessageStartingWith("no Google application-default credentials found (Your default credentials")
                .hasMessageEndingWith(": run gcloud auth application-default login or set GOOGLE_APPLICATION_CREDENTIALS");
    }

    @Test
    void refusedKeyIsAuthFirstAndAuthExpiredOnceATokenHadWorked() throws Exception {
        MockResponse invalidGrant = PrometheusClientTest.json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
        tokenAnswers.add(invalidGrant);
        HandClock clock = new HandClock(Instant.now());
        HttpSettings s = HttpSettings.of(server.url("/").uri()).withAuth(new Auth.Google(List.of()));

        try (PrometheusClient client = new PrometheusClient(s, supplier(List.of()), clock)) {
            assertThatThrownBy(() -> client.query("up", null))
                    .asInstanceOf(throwable(SourceException.class))
                    .satisfies(e -> {
                        assertThat(e.kind()).isEqualTo(Kind.AUTH);
                        assertThat(e.getMessage()).isEqualTo("cannot get a Google access token (Error getting"
                                + " access token for service account: 400 Client Error: invalid_grant, Invalid JWT"
                                + " Signature.): " + GoogleTokenSupplier.HINT);
                    });

            tokenAnswers.add(tokenAnswer("ya29.c.short", 3599));
            clock.advance(TokenCache.RETRY_AFTER); // a failed fetch is not repeated at once
            client.query("up", null);
            tokenAnswers.add(invalidGrant);
            clock.advance(Duration.ofHours(2)); // the library dates expiry from its own clock: well past it
            assertThatThrownBy(() -> client.query("up", null))
                    .asInstanceOf(throwable(SourceException.class))
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.AUTH_EXPIRED))
                    .hasMessageContaining("invalid_grant");
        }
    }
}
