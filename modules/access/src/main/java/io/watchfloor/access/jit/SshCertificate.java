package io.watchfloor.access.jit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenSSH certificate (PROTOCOL.certkeys), read back from whatever the signer returned: its serial, key id and
 * expiry go into the audit log, and its public key must be ours before we use it.
 *
 * @param type            {@code ssh-ed25519-cert-v01@openssh.com}, {@code ssh-rsa-cert-v01@openssh.com}, ...
 * @param publicKeyBlob   the certified key as a plain public key blob ({@code ssh-ed25519} + key)
 * @param certType        1 for a user certificate, 2 for a host certificate
 * @param validBefore     {@link Instant#MAX} for "forever"
 * @param criticalOptions name to value ("" where the option carries none)
 * @param signatureKey    the CA's public key blob
 * @param blob            the whole certificate, as sent to servers
 */
public record SshCertificate(String type, byte[] nonce, byte[] publicKeyBlob, long serial, int certType,
                             String keyId, List<String> principals, Instant validAfter, Instant validBefore,
                             Map<String, String> criticalOptions, Map<String, String> extensions,
                             byte[] signatureKey, byte[] signature, byte[] blob) {
    public static final int USER = 1;
    public static final int HOST = 2;
    static final String SUFFIX = "-cert-v01@openssh.com";

    /** Parses a {@code -cert.pub} line: {@code TYPE BASE64 [comment]}. */
    public static SshCertificate parseLine(String line) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length < 2 || !parts[0].endsWith(SUFFIX)) {
            throw new IllegalArgumentException("not an OpenSSH certificate line (expected \"<type>" + SUFFIX
                    + " AAAA...\")");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the certificate is not valid base64");
        }
        SshCertificate cert = parse(blob);
        if (!cert.type().equals(parts[0])) {
            throw new IllegalArgumentException("the certificate line says " + parts[0] + " but holds " + cert.type());
        }
        return cert;
    }

    /** Parses a certificate blob. */
    public static SshCertificate parse(byte[] blob) {
        var r = new SshWire.Reader(blob);
        String type = r.text();
        if (!type.endsWith(SUFFIX)) {
            throw new IllegalArgumentException("not an OpenSSH certificate: " + printable(type));
        }
        byte[] nonce = r.string();
        String keyType = type.substring(0, type.length() - SUFFIX.length());
        int keyStart = r.position();
        skipPublicKey(r, type);
        var pub = new SshWire.Writer().string(keyType).raw(Arrays.copyOfRange(blob, keyStart, r.position())).bytes();
        long serial = r.uint64();
        int certType = (int) r.uint32();
        String keyId = r.text();
        List<String> principals = new ArrayList<>();
        var pr = new SshWire.Reader(r.string());
        while (pr.hasMore()) {
            principals.add(pr.text());
        }
        Instant after = instant(r.uint64());
        Instant before = instant(r.uint64());
        Map<String, String> critical = options(r.string());
        Map<String, String> extensions = options(r.string());
        r.string(); // reserved
        byte[] signatureKey = r.string();
        byte[] signature = r.string();
        if (r.hasMore()) {
            throw new IllegalArgumentException("trailing bytes after the certificate's signature");
        }
        return new SshCertificate(type, nonce, pub, serial, certType, keyId, List.copyOf(principals), after, before,
                critical, extensions, signatureKey, signature, blob.clone());
    }

    private static void skipPublicKey(SshWire.Reader r, String type) {
        switch (type) {
            case "ssh-ed25519-cert-v01@openssh.com" -> r.string();
            case "ssh-rsa-cert-v01@openssh.com" -> {
                r.mpint(); // e
                r.mpint(); // n
            }
            case "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
                 "ecdsa-sha2-nistp521-cert-v01@openssh.com" -> {
                r.string(); // curve
                r.string(); // point
            }
            case "ssh-dss-cert-v01@openssh.com" -> {
                for (int i = 0; i < 4; i++) {
                    r.mpint();
                }
            }
            default -> throw new IllegalArgumentException("unsupported certificate type " + printable(type));
        }
    }

    /** uint64 seconds; all ones (or anything past a long) is "forever". */
    private static Instant instant(long seconds) {
        return seconds < 0 || seconds > Instant.MAX.getEpochSecond() ? Instant.MAX : Instant.ofEpochSecond(seconds);
    }

    /** Packed name + data pairs; data is itself a string holding the value, or empty. */
    private static Map<String, String> options(byte[] packed) {
        var r = new SshWire.Reader(packed);
        Map<String, String> out = new LinkedHashMap<>();
        while (r.hasMore()) {
            String name = r.text();
            byte[] data = r.string();
            out.put(name, data.length == 0 ? "" : new SshWire.Reader(data).text());
        }
        return Map.copyOf(out);
    }

    private static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }

    /** Whether this certificate certifies exactly this public key blob. */
    public boolean isFor(byte[] publicKey) {
        return Arrays.equals(publicKeyBlob, publicKey);
    }

    /** The bytes the CA signed: everything up to the signature field. */
    public byte[] signedBytes() {
        return Arrays.copyOfRange(blob, 0, blob.length - 4 - signature.length);
    }

    /** The CA key's algorithm, e.g. {@code ssh-ed25519}. */
    public String signatureKeyType() {
        return new SshWire.Reader(signatureKey).text();
    }

    /** The {@code -cert.pub} line, as ssh-keygen writes it. */
    public String toLine(String comment) {
        String line = type + " " + Base64.getEncoder().encodeToString(blob);
        return comment == null || comment.isEmpty() ? line : line + " " + comment;
    }

    /** Whether it is valid at {@code now}. */
    public boolean validAt(Instant now) {
        return !now.isBefore(validAfter) && now.isBefore(validBefore);
    }

    @Override
    public String toString() {
        return "SshCertificate[" + type + ", serial=" + Long.toUnsignedString(serial) + ", keyId=" + keyId
                + ", principals=" + principals + ", validBefore=" + validBefore + "]";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
