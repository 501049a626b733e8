package io.watchfloor.access.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Certificates made by ssh-keygen read back field by field. */
class SshCertificateTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ed25519,ssh-ed25519-cert-v01@openssh.com,ssh-ed25519", "rsa,ssh-rsa-cert-v01@openssh.com,ssh-ed25519",
        "ecdsa,ecdsa-sha2-nistp256-cert-v01@openssh.com,ssh-rsa"})
    void readsEveryFieldSshKeygenWrote(String userType, String certType, String caType) throws Exception {
        Path ca = OpenSsh.keygen(dir.resolve("ca"), caType.equals("ssh-rsa") ? "rsa" : "ed25519", "");
        Path user = OpenSsh.keygen(dir.resolve("user"), userType, "");
        OpenSsh.ok("ssh-keygen", "-q", "-s", ca.toString(), "-I", "alice/INC-42/req-1", "-n", "ops,root",
                "-V", "20300101000000Z:20300102000000Z", "-z", "4242", "-O", "clear", "-O", "permit-pty",
                "-O", "force-command=nvidia-smi", user + ".pub");

        SshCertificate cert = SshCertificate.parseLine(Files.readString(Path.of(user + "-cert.pub")));

        assertThat(cert.type()).isEqualTo(certType);
        assertThat(cert.nonce()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(cert.serial()).isEqualTo(4242);
        assertThat(cert.certType()).isEqualTo(SshCertificate.USER);
        assertThat(cert.keyId()).isEqualTo("alice/INC-42/req-1");
        assertThat(cert.principals()).containsExactly("ops", "root");
        assertThat(cert.validAfter()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(cert.validBefore()).isEqualTo(Instant.parse("2030-01-02T00:00:00Z"));
        assertThat(cert.criticalOptions()).isEqualTo(Map.of("force-command", "nvidia-smi"));
        assertThat(cert.extensions()).isEqualTo(Map.of("permit-pty", ""));
        assertThat(cert.signatureKeyType()).isEqualTo(caType);
        assertThat(cert.signatureKey()).isEqualTo(blobOf(ca + ".pub"));
        assertThat(cert.isFor(blobOf(user + ".pub"))).isTrue();
        assertThat(cert.isFor(blobOf(ca + ".pub"))).isFalse();
        assertThat(cert.toLine(null)).isEqualTo(String.join(" ",
                List.of(Files.readString(Path.of(user + "-cert.pub")).split(" ")).subList(0, 2)).strip());
    }

    @Test
    void foreverAndHostCertificates() throws Exception {
        Path ca = OpenSsh.keygen(dir.resolve("ca"), "ed25519", "");
        Path host = OpenSsh.keygen(dir.resolve("host"), "ed25519", "");
        OpenSsh.ok("ssh-keygen", "-q", "-s", ca.toString(), "-I", "gpu-01", "-h", "-n", "gpu-01", host + ".pub");
        SshCertificate cert = SshCertificate.parseLine(Files.readString(Path.of(host + "-cert.pub")));
        assertThat(cert.certType()).isEqualTo(SshCertificate.HOST);
        assertThat(cert.validBefore()).isEqualTo(Instant.MAX);
        assertThat(cert.validAt(Instant.now())).isTrue();
    }

    @Test
    void refusesWhatIsNotACertificate() throws Exception {
        Path user = OpenSsh.keygen(dir.resolve("user"), "ed25519", "");
        assertThatThrownBy(() -> SshCertificate.parseLine(Files.readString(Path.of(user + ".pub"))))
                .hasMessageContaining("not an OpenSSH certificate");
        assertThatThrownBy(() -> SshCertificate.parseLine("ssh-ed25519-cert-v01@openssh.com AAAA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }

    static byte[] blobOf(String pubFile) throws Exception {
        return Base64.getDecoder().decode(Files.readString(Path.of(pubFile)).split(" ")[1].strip());
    }
}
