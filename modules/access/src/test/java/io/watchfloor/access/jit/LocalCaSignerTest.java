package io.watchfloor.access.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.config.Secret;
import io.watchfloor.config.SignerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalCaSignerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "rsa", "ecdsa"})
    void sshKeygenReadsTheCertificate(String caType) throws Exception {
        Path ca = OpenSsh.keygen(dir.resolve("ca"), caType, "");
        var signer = new LocalCaSigner(new SignerConfig.LocalCa(ca, null), Clock.fixed(NOW, ZoneOffset.UTC));
        EphemeralKey key = EphemeralKey.generate();

        SshCertificate cert = signer.sign(key.publicKeyOpenSsh(), "alice/INC-42/req-1", List.of("ops"),
                Duration.ofMinutes(15)).certificate();

        assertThat(cert.isFor(key.publicKeyBlob())).isTrue();
        assertThat(cert.serial()).isPositive();
        assertThat(cert.validAfter()).isEqualTo(NOW.minus(LocalCaSigner.CLOCK_SKEW));
        assertThat(cert.validBefore()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(cert.extensions()).isEqualTo(Map.of("permit-pty", ""));
        assertThat(cert.criticalOptions()).isEmpty();
        assertThat(cert.signatureKey()).isEqualTo(SshCertificateTest.blobOf(ca + ".pub"));

        Path file = Files.writeString(dir.resolve("k-cert.pub"), cert.toLine("test") + "\n");
        String listed = OpenSsh.ok("ssh-keygen", "-L", "-f", file.toString());
        assertThat(listed)
                .contains("Type: ssh-ed25519-cert-v01@openssh.com user certificate")
                .contains("Key ID: \"alice/INC-42/req-1\"")
                .contains("Serial: " + Long.toUnsignedString(cert.serial()))
                .containsPattern("Principals: \\s*\\n\\s+ops\\n")
                .contains("Critical Options: (none)")
                .containsPattern("Extensions: \\s*\\n\\s+permit-pty\\n")
                .contains("Signing CA: " + caType.toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void passphraseProtectedCaAndItsErrors() throws Exception {
        Path ca = OpenSsh.keygen(dir.resolve("ca"), "ed25519", "correct horse");
        EphemeralKey key = EphemeralKey.generate();
        var good = new LocalCaSigner(new SignerConfig.LocalCa(ca, new Secret("correct horse")), Clock.systemUTC());
        assertThat(good.sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(5)).certificate()
                .keyId()).isEqualTo("k");

        var wrong = new LocalCaSigner(new SignerConfig.LocalCa(ca, new Secret("battery staple")), Clock.systemUTC());
        assertThatThrownBy(() -> wrong.sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(5)))
                .isInstanceOf(SignerException.class).hasMessageContaining("passphrase")
                .hasMessageNotContaining("battery");
        var none = new LocalCaSigner(new SignerConfig.LocalCa(ca, null), Clock.systemUTC());
        assertThatThrownBy(() -> none.sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(5)))
                .isInstanceOf(SignerException.class).hasMessageContaining("access.signer.passphrase");
        var missing = new LocalCaSigner(new SignerConfig.LocalCa(dir.resolve("nope"), null), Clock.systemUTC());
        assertThatThrownBy(() -> missing.sign(key.publicKeyOpenSsh(), "k", List.of("ops"), Duration.ofMinutes(5)))
                .isInstanceOf(SignerException.class).hasMessageContaining("cannot read the CA key");
    }

    /**
     * The real thing: sshd that trusts only the CA lets the certificate in (through ssh-agent, which also tests the
     * agent protocol), and refuses an expired one.
     */
    @Test
    void realSshdAcceptsTheCertificateAndRefusesAnExpiredOne() throws Exception {
        Path ca = OpenSsh.keygen(dir.resolve("ca"), "ed25519", "");
        String login = System.getProperty("user.name");
        Files.createDirectories(dir.resolve("sshd"));
        Files.createDirectories(dir.resolve("agent"));
        try (TestSshd sshd = TestSshd.trustingCa(dir.resolve("sshd"), Path.of(ca + ".pub"));
             TestAgent agent = TestAgent.start(dir.resolve("agent"))) {
            var env = Map.of("SSH_AUTH_SOCK", agent.socket.toString());
            List<String> ssh = List.of("ssh", "-F", "/dev/null", "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    "-o", "IdentityFile=/nonexistent", "-p", Integer.toString(sshd.port), login + "@127.0.0.1",
                    "echo jit-ok");

            EphemeralKey key = EphemeralKey.generate();
            SshCertificate cert = new LocalCaSigner(new SignerConfig.LocalCa(ca, null), Clock.systemUTC())
                    .sign(key.publicKeyOpenSsh(), "alice/real/1", List.of(login), Duration.ofMinutes(5))
                    .certificate();
            new SshAgent(agent.socket).addCertificate(key, cert, Duration.ofMinutes(5), "alice/real/1");
            assertThat(OpenSsh.run(List.of("ssh-add", "-l"), env).output()).contains("ED25519-CERT");
            var in = OpenSsh.run(ssh, env);
            assertThat(in.output()).contains("jit-ok");
            assertThat(in.exit()).isZero();

            OpenSsh.run(List.of("ssh-add", "-D"), env);
            EphemeralKey old = EphemeralKey.generate();
            Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
            SshCertificate expired = new LocalCaSigner(new SignerConfig.LocalCa(ca, null), anHourAgo)
                    .sign(old.publicKeyOpenSsh(), "alice/old/2", List.of(login), Duration.ofMinutes(5))
                    .certificate();
            new SshAgent(agent.socket).addCertificate(old, expired, Duration.ofMinutes(5), "alice/old/2");
            var out = OpenSsh.run(ssh, env);
            assertThat(out.exit()).isNotZero();
            assertThat(out.output()).doesNotContain("jit-ok").contains("Permission denied");
        }
    }
}
