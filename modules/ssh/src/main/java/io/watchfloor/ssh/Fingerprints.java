package io.watchfloor.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Key fingerprints as {@code ssh-keygen -l} prints them. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** {@code SHA256:} followed by the unpadded base64 of the SHA-256 of the public key blob. */
    public static String sha256(byte[] publicKeyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
