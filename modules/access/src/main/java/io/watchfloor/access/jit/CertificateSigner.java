package io.watchfloor.access.jit;

import java.time.Duration;
import java.util.List;

/** Signs an ephemeral public key into a short-lived OpenSSH user certificate. */
public interface CertificateSigner {
    /**
     * @param publicKeyOpenSsh {@code ssh-ed25519 AAAA...}
     * @param keyId            {@code user/reason/request-id}; a signer may override it (Vault roles can)
     * @param principals       the accounts the certificate may log in as
     * @param ttl              how long it is valid
     */
    SignedCertificate sign(String publicKeyOpenSsh, String keyId, List<String> principals, Duration ttl)
            throws SignerException, InterruptedException;

    /** For the audit log: "vault https://vault:8200 ssh-client-signer/gpu-ops", "local-ca /etc/ca". No secrets. */
    String describe();
}
