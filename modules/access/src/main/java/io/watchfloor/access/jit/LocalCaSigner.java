package io.watchfloor.access.jit;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import io.watchfloor.config.SignerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Signs certificates with a CA private key on this machine (labs): the OpenSSH key file as {@code ssh-keygen}
 * writes it (ed25519, ecdsa or rsa; with a passphrase or without). The key is read for each signature and not
 * kept. The certificate is built here: random nonce and serial, user type, valid from a minute ago (clock skew)
 * until now + ttl, only {@code permit-pty}.
 */
public final class LocalCaSigner implements CertificateSigner {
    /** Servers whose clock is a little behind still accept a certificate made just now. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final SignerConfig.LocalCa config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LocalCaSigner(SignerConfig.LocalCa config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String describe() {
        return "local-ca " + config.caKey();
    }

    @Override
    public SignedCertificate sign(String publicKeyOpenSsh, String keyId, List<String> principals, Duration ttl)
            throws SignerException {
        String[] parts = publicKeyOpenSsh.strip().split("\\s+");
        if (parts.length < 2) {
            throw new SignerException("not an OpenSSH public key line");
        }
        byte[] subject = Base64.getDecoder().decode(parts[1]);
        var sr = new SshWire.Reader(subject);
        String keyType = sr.text();
        byte[] keyFields = Arrays.copyOfRange(subject, sr.position(), subject.length);

        KeyPair ca = loadCa();
        try {
            byte[] nonce = new byte[32];
            random.nextBytes(nonce);
            long serial = random.nextLong() & Long.MAX_VALUE;
            Instant now = clock.instant();
            var packedPrincipals = new SshWire.Writer();
            principals.forEach(packedPrincipals::string);
            // extensions are sorted by name; each carries an empty data string
            byte[] extensions = new SshWire.Writer().string("permit-pty").string(new byte[0]).bytes();
            byte[] tbs = new SshWire.Writer()
                    .string(keyType + SshCertificate.SUFFIX)
                    .string(nonce)
                    .raw(keyFields)
                    .uint64(serial)
                    .uint32(SshCertificate.USER)
                    .string(keyId)
                    .string(packedPrincipals.bytes())
                    .uint64(now.minus(CLOCK_SKEW).getEpochSecond())
                    .uint64(now.plus(ttl).getEpochSecond())
                    .string(new byte[0])
                    .string(extensions)
                    .string(new byte[0])
                    .string(ca.getPublicKeyBlob())
                    .bytes();
            byte[] signature = signatureOf(ca, tbs);
            byte[] blob = new SshWire.Writer().raw(tbs).string(signature).bytes();
            return new SignedCertificate(SshCertificate.parse(blob), describe());
        } finally {
            ca.dispose();
        }
    }

    /** RSA CAs sign with rsa-sha2-512: OpenSSH 8.2 and later refuse SHA-1 ("ssh-rsa") signatures on certificates. */
    private static byte[] signatureOf(KeyPair ca, byte[] tbs) throws SignerException {
        byte[] sig = switch (ca.getKeyType()) {
            case KeyPair.RSA -> ca.getSignature(tbs, "rsa-sha2-512");
            case KeyPair.ED25519 -> ca.getSignature(tbs, "ssh-ed25519");
            default -> ca.getSignature(tbs);
        };
        if (sig == null) {
            throw new SignerException("the CA key " + "could not sign (" + ca.getKeyTypeString() + ")");
        }
        return sig;
    }

    private KeyPair loadCa() throws SignerException {
        byte[] file;
        try {
            file = Files.readAllBytes(config.caKey());
        } catch (IOException e) {
            throw new SignerException("cannot read the CA key " + config.caKey() + ": " + e.getMessage(), e);
        }
        byte[] pass = null;
        try {
            KeyPair kp = KeyPair.load(new JSch(), file, null);
            if (kp.getKeyType() != KeyPair.ED25519 && kp.getKeyType() != KeyPair.RSA
                    && kp.getKeyType() != KeyPair.ECDSA) {
                kp.dispose();
                throw new SignerException("the CA key " + config.caKey() + " is " + kp.getKeyTypeString()
                        + "; use an ed25519, ecdsa or rsa key");
            }
            if (kp.isEncrypted()) {
                if (config.passphrase() == null) {
                    kp.dispose();
                    throw new SignerException("the CA key " + config.caKey()
                            + " is protected by a passphrase; set access.signer.passphrase");
                }
                pass = config.passphrase().value().getBytes(StandardCharsets.UTF_8);
                if (!kp.decrypt(pass)) {
                    kp.dispose();
                    throw new SignerException("the passphrase of the CA key " + config.caKey() + " is wrong");
                }
            }
            return kp;
        } catch (JSchException e) {
            throw new SignerException("the CA key " + config.caKey()
                    + " is not an OpenSSH private key ssh-keygen wrote", e);
        } finally {
            Arrays.fill(file, (byte) 0);
            if (pass != null) {
                Arrays.fill(pass, (byte) 0);
            }
        }
    }
}
