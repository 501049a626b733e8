package io.watchfloor.access.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EphemeralKeyTest {
    /** X.509 SubjectPublicKeyInfo prefix for Ed25519 (RFC 8410). */
    private static final byte[] ED25519_SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    @Test
    void signatureBlobVerifiesWithThePublicKeyFromTheOpenSshLine() throws Exception {
        EphemeralKey key = EphemeralKey.generate();
        byte[] data = "session id and userauth request".getBytes(StandardCharsets.UTF_8);

        var blob = new SshWire.Reader(key.sign(data));
        assertThat(blob.text()).isEqualTo("ssh-ed25519");
        byte[] sig = blob.string();
        assertThat(sig).hasSize(64);
        assertThat(blob.hasMore()).isFalse();

        // rebuild the JCA public key from the OpenSSH line, as a server would
        String[] line = key.publicKeyOpenSsh().split(" ");
        assertThat(line[0]).isEqualTo("ssh-ed25519");
        var pub = new SshWire.Reader(Base64.getDecoder().decode(line[1]));
        assertThat(pub.text()).isEqualTo("ssh-ed25519");
        byte[] raw = pub.string();
        byte[] spki = Arrays.copyOf(ED25519_SPKI, 44);
        System.arraycopy(raw, 0, spki, 12, 32);
        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update(data);
        assertThat(verifier.verify(sig)).isTrue();

        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update("other".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(sig)).isFalse();
    }

    @Test
    void sshKeygenReadsThePublicKey(@TempDir Path dir) throws Exception {
        EphemeralKey key = EphemeralKey.generate();
        Path pub = Files.writeString(dir.resolve("k.pub"), key.publicKeyOpenSsh() + "\n");
        assertThat(OpenSsh.ok("ssh-keygen", "-l", "-f", pub.toString())).contains("(ED25519)");
    }

    @Test
    void twoKeysDifferAndDestroyForgetsThePrivateKey() {
        EphemeralKey a = EphemeralKey.generate();
        EphemeralKey b = EphemeralKey.generate();
        assertThat(a.publicKeyOpenSsh()).isNotEqualTo(b.publicKeyOpenSsh());
        a.destroy();
        a.destroy();
        assertThat(a.destroyed()).isTrue();
        assertThatThrownBy(() -> a.sign(new byte[] {1})).hasMessageContaining("destroyed");
        assertThat(b.sign(new byte[] {1})).isNotEmpty();
    }
}
