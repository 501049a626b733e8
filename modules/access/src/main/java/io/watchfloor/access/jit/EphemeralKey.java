package io.watchfloor.access.jit;

import io.watchfloor.ssh.CertificateIdentity;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.security.auth.DestroyFailedException;

/**
 * An ed25519 key pair made in memory for one just-in-time session. It is never written anywhere: the signer sees
 * only the public key, the transport only signatures (through {@link #withCertificate}), the ssh-agent gets it over
 * its socket. {@link #destroy()} forgets the private key; later signatures fail.
 */
public final class EphemeralKey {
    static final String KEY_TYPE = "ssh-ed25519";
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410); the raw 32-byte key follows it. */
    private static final int X509_PREFIX = 12;

    private final byte[] rawPublic;
    private volatile PrivateKey privateKey;

    private EphemeralKey(byte[] rawPublic, PrivateKey privateKey) {
        this.rawPublic = rawPublic;
        this.privateKey = privateKey;
    }

    public static EphemeralKey generate() {
        try {
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new EphemeralKey(rawPublicKey(pair.getPublic()), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make Ed25519 keys", e);
        }
    }

    static byte[] rawPublicKey(PublicKey key) {
        byte[] x509 = key.getEncoded();
        if (x509.length != X509_PREFIX + 32) {
            throw new IllegalStateException("unexpected Ed25519 public key encoding of " + x509.length + " bytes");
        }
        return Arrays.copyOfRange(x509, X509_PREFIX, x509.length);
    }

    /** The raw 32-byte public key. */
    public byte[] rawPublicKey() {
        return rawPublic.clone();
    }

    /** The public key blob: string "ssh-ed25519", string key. */
    public byte[] publicKeyBlob() {
        return new SshWire.Writer().string(KEY_TYPE).string(rawPublic).bytes();
    }

    /** {@code ssh-ed25519 AAAA...}, as a {@code .pub} file holds it (no comment). */
    public String publicKeyOpenSsh() {
        return KEY_TYPE + " " + Base64.getEncoder().encodeToString(publicKeyBlob());
    }

    /** The SSH signature blob over {@code data}: string "ssh-ed25519", string signature. */
    public byte[] sign(byte[] data) {
        PrivateKey key = privateKey;
        if (key == null) {
            throw new IllegalStateException("the ephemeral key was destroyed");
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(data);
            return new SshWire.Writer().string(KEY_TYPE).string(s.sign()).bytes();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signature failed", e);
        }
    }

    /** The 32-byte private seed, for handing the key to ssh-agent only. Callers wipe the copy. */
    byte[] privateSeed() {
        PrivateKey key = privateKey;
        if (!(key instanceof EdECPrivateKey ed)) {
            throw new IllegalStateException("the ephemeral key was destroyed");
        }
        return ed.getBytes().orElseThrow(() -> new IllegalStateException("the private key is not extractable"));
    }

    public boolean destroyed() {
        return privateKey == null;
    }

    /** Forgets the private key. Idempotent. */
    public void destroy() {
        PrivateKey key = privateKey;
        privateKey = null;
        if (key != null && !key.isDestroyed()) {
            try {
                key.destroy();
            } catch (DestroyFailedException | UnsupportedOperationException e) {
                // the JDK's EdEC keys cannot wipe themselves; dropping the last reference is what is left
            }
        }
    }

    /** The identity the transport authenticates with: this key's signatures, offered with {@code certificate}. */
    public CertificateIdentity withCertificate(SshCertificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        if (!certificate.isFor(publicKeyBlob())) {
            throw new IllegalArgumentException("the certificate is not for this key");
        }
        return new Identity(certificate);
    }

    private final class Identity implements CertificateIdentity {
        private final SshCertificate certificate;

        Identity(SshCertificate certificate) {
            this.certificate = certificate;
        }

        @Override
        public String algorithm() {
            return certificate.type();
        }

        @Override
        public byte[] certificateBlob() {
            return certificate.blob();
        }

        @Override
        public byte[] sign(byte[] data) {
            return EphemeralKey.this.sign(data);
        }

        @Override
        public String name() {
            return certificate.keyId();
        }

        @Override
        public void destroy() {
            EphemeralKey.this.destroy();
        }
    }
}
