package io.watchfloor.access.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The RSA key pair for terminal recordings: consoles seal with the public key (config {@code access.recordingKey});
 * only whoever reviews sessions holds the private key.
 */
public final class RecordingKeys {
    public static final String PUBLIC_FILE = "recording.pub";
    public static final String PRIVATE_FILE = "recording.key";
    static final int BITS = 3072;

    private RecordingKeys() {
    }

    /**
     * Writes a new pair into {@code dir}: {@code recording.pub} (PEM) and {@code recording.key} (PKCS#8 PEM, created
     * with mode 600 so it is never readable by others, not even briefly). Refuses to overwrite either file: losing
     * the private key makes every recording sealed for it unreadable.
     *
     * @return the public key file
     */
    public static Path generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path pub = dir.resolve(PUBLIC_FILE);
        Path key = dir.resolve(PRIVATE_FILE);
        for (Path p : new Path[] {pub, key}) {
            if (Files.exists(p)) {
                throw new FileAlreadyExistsException(p.toString(), null,
                        "a recording key already exists there; move it away first (recordings sealed for it need it)");
            }
        }
        KeyPair pair;
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(BITS);
            pair = gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
        writeNew(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        writeNew(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
        return pub;
    }

    public static PublicKey readPublicKey(Path pemFile) {
        byte[] der = readPem(pemFile, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new RecordingException(pemFile + " is not an RSA public key (PEM \"PUBLIC KEY\")", e);
        }
    }

    public static PrivateKey readPrivateKey(Path pemFile) {
        byte[] der = readPem(pemFile, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new RecordingException(pemFile + " is not an RSA private key (PKCS#8 PEM \"PRIVATE KEY\")", e);
        }
    }

    /** "SHA256:" + hex of the SubjectPublicKeyInfo DER: names a key without revealing anything. */
    public static String fingerprint(PublicKey key) {
        try {
            return "SHA256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half of an RSA private key, or null when the key does not carry it. */
    static PublicKey publicOf(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey crt) {
            try {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            } catch (GeneralSecurityException e) {
                return null;
            }
        }
        return null;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new RecordingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new RecordingException(file + " has no PEM block \"" + type + "\"");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new RecordingException(file + " has a damaged PEM block \"" + type + "\"", ex);
        }
    }

    private static void writeNew(Path file, String text, boolean ownerOnly) throws IOException {
        FileAttribute<?>[] attrs = {};
        if (ownerOnly && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            attrs = new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        Files.createFile(file, attrs);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
