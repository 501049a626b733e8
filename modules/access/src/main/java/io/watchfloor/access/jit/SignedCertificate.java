package io.watchfloor.access.jit;

import java.util.Objects;

/**
 * What a signer returned: the certificate as parsed, and the serial the signer reports (Vault reports it in hex;
 * it must match the certificate's).
 */
public record SignedCertificate(SshCertificate certificate, String signer) {
    public SignedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(signer, "signer");
    }
}
