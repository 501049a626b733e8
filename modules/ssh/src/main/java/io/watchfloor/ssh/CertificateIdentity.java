package io.watchfloor.ssh;

/**
 * A private key held only in memory together with the OpenSSH certificate for its public key. The transport
 * offers the certificate and asks for signatures; it never sees the key.
 */
public interface CertificateIdentity {
    /** Certificate algorithm, e.g. {@code ssh-ed25519-cert-v01@openssh.com}. */
    String algorithm();

    /** The certificate blob (the base64-decoded middle of a {@code -cert.pub} line). */
    byte[] certificateBlob();

    /** The SSH signature blob (string algorithm, string signature) over {@code data}. */
    byte[] sign(byte[] data);

    /** For logs and audit: the certificate's key id. Never the key. */
    String name();

    /** Forgets the private key; later signatures fail. */
    void destroy();
}
