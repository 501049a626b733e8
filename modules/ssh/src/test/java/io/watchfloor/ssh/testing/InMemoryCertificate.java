package io.watchfloor.ssh.testing;

import io.watchfloor.ssh.CertificateIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * A test {@link CertificateIdentity}: an Ed25519 key made with the JDK (never written to disk) and an OpenSSH user
 * certificate for it made by {@code ssh-keygen -s CA} (only the public key is written, for ssh-keygen to sign).
 */
public final class InMemoryCertificate implements CertificateIdentity {
    private volatile PrivateKey key;
    private final byte[] certificate;
    private final String id;

    private InMemoryCertificate(PrivateKey key, byte[] certificate, String id) {
        this.key = key;
        this.certificate = certificate;
        this.id = id;
    }

    /**
     * @param validity as ssh-keygen -V takes it: {@code +5m}, {@code -2h:-1h}
     */
    public static InMemoryCertificate issue(Path dir, Path caPrivateKey, String id, String principal, String validity)
            throws IOException, InterruptedException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x509 = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length); // SubjectPublicKeyInfo ends with it
        byte[] blob = sshBlob("ssh-ed25519", raw);
        Files.createDirectories(dir);
        Path pub = Files.createTempFile(dir, "user-", ".pub");
        Files.writeString(pub, "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob) + " " + id + "\n");
        Sshd.run("ssh-keygen", "-q", "-s", caPrivateKey.toString(), "-I", id, "-n", principal, "-V", validity,
                pub.toString());
        String name = pub.getFileName().toString();
        Path cert = pub.resolveSibling(name.substring(0, name.length() - 4) + "-cert.pub");
        byte[] certBlob = Base64.getDecoder().decode(Files.readString(cert).strip().split(" ")[1]);
        return new InMemoryCertificate(pair.getPrivate(), certBlob, id);
    }

    @Override
    public String algorithm() {
        return "ssh-ed25519-cert-v01@openssh.com";
    }

    @Override
    public byte[] certificateBlob() {
        return certificate.clone();
    }

    @Override
    public byte[] sign(byte[] data) {
        PrivateKey k = key;
        if (k == null) {
            throw new IllegalStateException("key destroyed");
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(k);
            s.update(data);
            return sshBlob("ssh-ed25519", s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public String name() {
        return id;
    }

    @Override
    public void destroy() {
        key = null;
    }

    /** SSH wire format: string name, string data. */
    static byte[] sshBlob(String name, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, name.getBytes(StandardCharsets.US_ASCII));
        writeString(out, data);
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        out.write(s.length >>> 24);
        out.write(s.length >>> 16);
        out.write(s.length >>> 8);
        out.write(s.length);
        out.write(s, 0, s.length);
    }
}
