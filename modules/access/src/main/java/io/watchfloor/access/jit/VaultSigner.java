package io.watchfloor.access.jit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.config.SignerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * HashiCorp Vault's SSH secrets engine: {@code POST <url>/v1/<mount>/sign/<role>} with the token in
 * {@code X-Vault-Token}. TLS is verified, against {@code caFile} when given. The token never appears in a message.
 */
public final class VaultSigner implements CertificateSigner {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SignerConfig.Vault config;
    private final OkHttpClient http;

    public VaultSigner(SignerConfig.Vault config) throws SignerException {
        this(config, Duration.ofSeconds(15));
    }

    public VaultSigner(SignerConfig.Vault config, Duration timeout) throws SignerException {
        this.config = Objects.requireNonNull(config, "config");
        var builder = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout).followRedirects(false);
        if (config.caFile() != null) {
            X509TrustManager trust = trustManager(config.caFile());
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
                builder.sslSocketFactory(tls.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new SignerException("cannot set up TLS for Vault: " + e.getMessage(), e);
            }
        }
        this.http = builder.build();
    }

    /** Trusts exactly the certificates in a PEM file (Vault's own CA), as well as nothing else. */
    static X509TrustManager trustManager(Path caFile) throws SignerException {
        try (InputStream in = Files.newInputStream(caFile)) {
            var certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new SignerException("access.signer.caFile " + caFile + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("vault-ca-" + i++, c);
            }
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new SignerException("no X.509 trust manager in this Java runtime");
        } catch (IOException e) {
            throw new SignerException("cannot read access.signer.caFile " + caFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SignerException("access.signer.caFile " + caFile + " is not a PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "vault " + config.url() + " " + config.mount() + "/" + config.role();
    }

    HttpUrl signUrl() throws SignerException {
        HttpUrl base = HttpUrl.parse(config.url().toString());
        if (base == null) {
            throw new SignerException("access.signer.url is not an http(s) URL: " + config.url());
        }
        var b = base.newBuilder().addPathSegment("v1");
        for (String seg : config.mount().split("/")) {
            if (!seg.isEmpty()) {
                b.addPathSegment(seg);
            }
        }
        return b.addPathSegment("sign").addPathSegment(config.role()).build();
    }

    @Override
    public SignedCertificate sign(String publicKeyOpenSsh, String keyId, List<String> principals, Duration ttl)
            throws SignerException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("public_key", publicKeyOpenSsh);
        body.put("valid_principals", String.join(",", principals));
        body.put("ttl", ttl.toSeconds() + "s");
        body.put("cert_type", "user");
        body.put("key_id", keyId);
        // an interactive shell needs a pty; nothing else (no forwarding, no agent) is asked for
        body.put("extensions", Map.of("permit-pty", ""));
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpUrl url = signUrl();
        Request request = new Request.Builder().url(url)
                .header("X-Vault-Token", config.token().value())
                .post(RequestBody.create(json, JSON))
                .build();
        String where = "Vault at " + url.scheme() + "://" + url.host() + ":" + url.port();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new SignerException(where + " refused to sign (HTTP " + response.code() + "): "
                        + hideToken(errors(text, response.code())));
            }
            return parseResponse(text, where);
        } catch (java.io.InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("signing interrupted");
            }
            throw new SignerException(where + " did not answer in time", e);
        } catch (IOException e) {
            throw new SignerException("cannot reach " + where + ": " + hideToken(safe(e.getMessage())), e);
        }
    }

    /** Vault never echoes the token, but a proxy's error page might: never pass it on. */
    private String hideToken(String message) {
        String token = config.token().value();
        return token == null || token.length() < 4 ? message : message.replace(token, "***");
    }

    private SignedCertificate parseResponse(String text, String where) throws SignerException {
        JsonNode data;
        try {
            data = MAPPER.readTree(text).path("data");
        } catch (IOException e) {
            throw new SignerException(where + " answered with something that is not JSON");
        }
        String signed = data.path("signed_key").asText("");
        if (signed.isBlank()) {
            throw new SignerException(where + " answered without data.signed_key");
        }
        SshCertificate cert;
        try {
            cert = SshCertificate.parseLine(signed);
        } catch (IllegalArgumentException e) {
            throw new SignerException(where + " returned a certificate that cannot be read: " + e.getMessage());
        }
        String serial = data.path("serial_number").asText("");
        if (!serial.isEmpty() && !sameSerial(serial, cert.serial())) {
            throw new SignerException(where + " reported serial " + serial + " but the certificate holds "
                    + Long.toHexString(cert.serial()));
        }
        return new SignedCertificate(cert, describe());
    }

    /** Vault reports the serial in hex, with or without colons. */
    static boolean sameSerial(String reported, long serial) {
        String hex = reported.replace(":", "").toLowerCase(Locale.ROOT);
        try {
            return Long.parseUnsignedLong(hex, 16) == serial;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Vault's {@code {"errors": [...]}}; the status text when there is none. */
    static String errors(String body, int code) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode e : MAPPER.readTree(body).path("errors")) {
                if (!e.asText().isBlank()) {
                    out.add(e.asText().strip());
                }
            }
        } catch (IOException e) {
            // not JSON (a proxy's error page): fall back to the status
        }
        if (out.isEmpty()) {
            return switch (code) {
                case 403 -> "permission denied (check the token and its policy)";
                case 404 -> "no such mount or role";
                default -> "no error message";
            };
        }
        return safe(String.join("; ", out));
    }

    private static String safe(String message) {
        if (message == null) {
            return "unknown error";
        }
        String oneLine = message.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
