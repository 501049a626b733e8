package io.watchfloor.ssh;

import com.jcraft.jsch.Identity;

/**
 * Presents a {@link CertificateIdentity} to JSch: the public key blob is the certificate, the algorithm is the
 * certificate's, signatures come from the in-memory key. JSch never sees the private key.
 */
final class CertificateJschIdentity implements Identity {
    private final CertificateIdentity identity;

    CertificateJschIdentity(CertificateIdentity identity) {
        this.identity = identity;
    }

    @Override
    public boolean setPassphrase(byte[] passphrase) {
        return true;
    }

    @Override
    public byte[] getPublicKeyBlob() {
        return identity.certificateBlob();
    }

    @Override
    public byte[] getSignature(byte[] data) {
        return identity.sign(data);
    }

    @Override
    public byte[] getSignature(byte[] data, String alg) {
        return identity.sign(data);
    }

    @Override
    public String getAlgName() {
        return identity.algorithm();
    }

    @Override
    public String getName() {
        return identity.name();
    }

    @Override
    public boolean isEncrypted() {
        return false;
    }

    @Override
    public void clear() {
        // The key's owner (the access service) decides when it is forgotten; a session closing must not do it.
    }
}
