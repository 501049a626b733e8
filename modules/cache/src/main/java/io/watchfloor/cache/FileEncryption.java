package io.watchfloor.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What the cache file's first bytes say about encryption, and the H2 file password derived from the key.
 * The header is read before H2 opens the file so that each mismatch gets its own sentence, and so that a file
 * which is not ours is never handed to H2 (which might try to repair it).
 */
final class FileEncryption {
    private static final byte[] ENCRYPTED_HEADER = "H2encrypt\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PLAIN_HEADER = "H:2,".getBytes(StandardCharsets.ISO_8859_1);

    private FileEncryption() {
    }

    /**
     * Checks that the file (if it exists and is not empty) is an H2 file, encrypted exactly when a key is given.
     *
     * @throws CacheOpenException CORRUPT, KEY_REQUIRED, WRONG_KEY or IO, naming the file
     */
    static void checkHeader(Path file, boolean keyGiven) {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new CacheOpenException(CacheOpenException.Reason.IO, file,
                    "cannot read the cache file " + file + ": " + e, e);
        }
        if (n == 0) {
            return; // empty file: H2 initialises it
        }
        boolean isEncrypted = startsWith(head, n, ENCRYPTED_HEADER);
        boolean isPlain = startsWith(head, n, PLAIN_HEADER);
        if (!isEncrypted && !isPlain) {
            throw new CacheOpenException(CacheOpenException.Reason.CORRUPT, file, "the cache file " + file
                    + " is damaged or is not a Watchfloor cache; move it away to start with an empty cache", null);
        }
        if (isEncrypted && !keyGiven) {
            throw new CacheOpenException(CacheOpenException.Reason.KEY_REQUIRED, file, "the cache file " + file
                    + " is encrypted, but no encryption key is configured; set the key it was created with,"
                    + " or move the file away to start with an empty cache", null);
        }
        if (isPlain && keyGiven) {
            throw new CacheOpenException(CacheOpenException.Reason.WRONG_KEY, file, "the cache file " + file
                    + " is not encrypted, but an encryption key is configured; move the file away (it is only a"
                    + " cache) to start an encrypted one, or remove the key setting", null);
        }
    }

    private static boolean startsWith(byte[] head, int n, byte[] prefix) {
        return n >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * H2's password for an encrypted file, {@code "<file password> <user password>"} with an empty user
     * password. The file password is the hex SHA-256 of a fixed prefix and the key, so that any characters
     * (spaces included) work and the raw key is never handed to H2. The caller zeroes the result when done;
     * {@code key} is neither kept nor changed.
     */
    static char[] filePassword(char[] key) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(key));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("watchfloor-cache-v1:".getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes.duplicate());
            byte[] digest = sha.digest();
            char[] out = new char[digest.length * 2 + 1];
            final char[] hex = "0123456789abcdef".toCharArray();
            for (int i = 0; i < digest.length; i++) {
                out[2 * i] = hex[(digest[i] >> 4) & 0xF];
                out[2 * i + 1] = hex[digest[i] & 0xF];
            }
            out[out.length - 1] = ' ';
            Arrays.fill(digest, (byte) 0);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        } finally {
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }
}
