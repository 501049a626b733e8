package io.watchfloor.access.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchfloor.config.Secret;
import io.watchfloor.config.SignerConfig;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultSignerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "hvs.s3cr3t-token-value";

    @TempDir
    Path dir;
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private VaultSigner signer() throws SignerException {
        URI url = URI.create(server.url("/").toString().replaceAll("/$", ""));
        return new VaultSigner(new SignerConfig.Vault(url, "ssh-client-signer", "gpu-ops", new Secret(TOKEN), null),
                Duration.ofSeconds(5));
    }

    /** Vault's documented response, with a real certificate for {@code key} in place of the elided one. */
    private String documentedResponseFor(EphemeralKey key, long[] serialOut) throws Exception {
        Path ca = OpenSsh.keygen(dir.resolve("ca"), "ed25519", "");
        SshCertificate cert = new LocalCaSigner(new SignerConfig.LocalCa(ca, null), Clock.systemUTC())
                .sign(key.publicKeyOpenSsh(), "alice/INC-42/r", List.of("ops"), Duration.ofMinutes(15)).certificate();
        serialOut[0] = cert.serial();
        ObjectNode doc;
        try (InputStream in = getClass().getResourceAsStream("/vault/sign-response.json")) {
            doc = (ObjectNode) JSON.readTree(in);
        }
        ObjectNode data = (ObjectNode) doc.get("data");
        assertThat(data.get("signed_key").asText()).startsWith("ssh-rsa-cert-v01@openssh.com AAAAHHNzaC1y");
        data.put("signed_key", cert.toLine(null) + "\n");
        data.put("serial_number", String.format("%016x", cert.serial()));
        return JSON.writeValueAsString(doc);
    }

    @Test
    void postsTheDocumentedRequestAndReadsTheCertificate() throws Exception {
        EphemeralKey key = EphemeralKey.generate();
        long[] serial = new long[1];
        server.enqueue(new MockResponse.Builder().code(200).body(documentedResponseFor(key, serial)).build());

        SignedCertificate signed = signer().sign(key.publicKeyOpenSsh(), "alice/INC-42/r", List.of("ops"),
                Duration.ofMinutes(15));

        assertThat(signed.certificate().isFor(key.publicKeyBlob())).isTrue();
        assertThat(signed.certificate().serial()).isEqualTo(serial[0]);
        assertThat(signed.signer()).contains("ssh-client-signer/gpu-ops").doesNotContain(TOKEN);

        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/ssh-client-signer/sign/gpu-ops");
        assertThat(req.getHeaders().get("X-Vault-Token")).isEqualTo(TOKEN);
        JsonNode body = JSON.readTree(req.getBody().string(StandardCharsets.UTF_8));
        assertThat(body.get("public_key").asText()).isEqualTo(key.publicKeyOpenSsh());
        assertThat(body.get("valid_principals").asText()).isEqualTo("ops");
        assertThat(body.get("ttl").asText()).isEqualTo("900s");
        assertThat(body.get("cert_type").asText()).isEqualTo("user");
        assertThat(body.get("key_id").asText()).isEqualTo("alice/INC-42/r");
        assertThat(body.get("extensions").get("permit-pty").asText()).isEmpty();
        assertThat(body.get("extensions").size()).isEqualTo(1);
    }

    @Test
    void vaultErrorsBecomeMessagesWithoutTheToken() throws Exception {
        EphemeralKey key = EphemeralKey.generate();
        server.enqueue(new MockResponse.Builder().code(403).body(resource("/vault/errors-403.json")).build());
        assertThatThrownBy(() -> signer().sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(1)))
                .isInstanceOf(SignerException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("permission denied")
                .hasMessageNotContaining(TOKEN);

        server.enqueue(new MockResponse.Builder().code(400).body(resource("/vault/errors-400.json")).build());
        assertThatThrownBy(() -> signer().sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(1)))
                .isInstanceOf(SignerException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("not on allowed list")
                .hasMessageNotContaining(TOKEN);

        // a proxy that echoes the request must not carry the token into the message
        server.enqueue(new MockResponse.Builder().code(400).body("{\"errors\":[\"bad header " + TOKEN + "\"]}").build());
        assertThatThrownBy(() -> signer().sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(1)))
                .hasMessageContaining("bad header ***").hasMessageNotContaining(TOKEN);

        server.enqueue(new MockResponse.Builder().code(502).body("<html>bad gateway</html>").build());
        assertThatThrownBy(() -> signer().sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(1)))
                .isInstanceOf(SignerException.class).hasMessageContaining("HTTP 502");
    }

    @Test
    void unreadableAnswersAndUnreachableVault() throws Exception {
        EphemeralKey key = EphemeralKey.generate();
        server.enqueue(new MockResponse.Builder().code(200).body("{\"data\":{}}").build());
        assertThatThrownBy(() -> signer().sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(1)))
                .hasMessageContaining("without data.signed_key");
        server.enqueue(new MockResponse.Builder().code(200)
                .body("{\"data\":{\"signed_key\":\"ssh-ed25519 AAAA\"}}").build());
        assertThatThrownBy(() -> signer().sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(1)))
                .hasMessageContaining("cannot be read");

        VaultSigner down = signer();
        server.close();
        assertThatThrownBy(() -> down.sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(1)))
                .isInstanceOf(SignerException.class).hasMessageContaining("cannot reach Vault")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void serialsInHexWithOrWithoutColons() {
        assertThat(VaultSigner.sameSerial("f65ed2fd21443d5c", 0xf65ed2fd21443d5cL)).isTrue();
        assertThat(VaultSigner.sameSerial("f6:5e:d2:fd:21:44:3d:5c", 0xf65ed2fd21443d5cL)).isTrue();
        assertThat(VaultSigner.sameSerial("f65ed2fd21443d5d", 0xf65ed2fd21443d5cL)).isFalse();
    }

    @Test
    void caFileThatIsNotPemIsAConfigMessage() throws Exception {
        Path bad = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> new VaultSigner(new SignerConfig.Vault(URI.create("https://vault:8200"), "ssh",
                "r", new Secret(TOKEN), bad))).isInstanceOf(SignerException.class)
                .hasMessageContaining("caFile").hasMessageNotContaining(TOKEN);
    }

    private String resource(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
