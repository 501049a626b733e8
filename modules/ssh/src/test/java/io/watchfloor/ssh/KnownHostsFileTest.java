package io.watchfloor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The known_hosts format and matching rules, without any server. */
class KnownHostsFileTest {
    /** A real key; its fingerprint as ssh-keygen -l printed it. */
    static final String KEY = "AAAAC3NzaC1lZDI1NTE5AAAAIIZtmts/lQd2PmuLXqANQPzXS7nCF+YzfFg9Urc/2HX5";
    static final String PRINT = "SHA256:5KOIP1zqyohkP4vFFh5xVN4GKcOUDhWtlxf8heHVCpU";
    /** `ssh-keygen -H` of "[10.0.0.11]:2222 ssh-ed25519 KEY". */
    static final String HASHED = "|1|xeQuB3JXB2q1zqpZxd8kRJS+0Gs=|6F5l7pJ6zjwm4wIeMyLp6ATussI=";
    /** Another valid ed25519 blob (type + 32 zero bytes). */
    static final String OTHER = "AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    static KnownHostsFile parse(String... lines) {
        return KnownHostsFile.parse(Path.of("known_hosts"), String.join("\n", lines) + "\n");
    }

    static byte[] key() {
        return Base64.getDecoder().decode(KEY);
    }

    @Test
    void fingerprintIsLikeSshKeygen() {
        assertThat(Fingerprints.sha256(key())).isEqualTo(PRINT);
    }

    @Test
    void plainNamesPortsAndCommaLists() {
        KnownHostsFile f = parse("# comment", "", "gpu-01,10.0.0.11 ssh-ed25519 " + KEY + " ops@laptop",
                "[10.0.0.12]:2222 ssh-ed25519 " + KEY);

        assertThat(f.keysFor("gpu-01")).hasSize(1);
        assertThat(f.keysFor("10.0.0.11")).hasSize(1);
        assertThat(f.keysFor("GPU-01")).as("host names are case-insensitive").hasSize(1);
        assertThat(f.keysFor("[10.0.0.11]:2222")).as("another port is another host").isEmpty();
        assertThat(f.keysFor("[10.0.0.12]:2222")).hasSize(1);
        assertThat(f.keysFor("10.0.0.12")).isEmpty();
        assertThat(f.keysFor("gpu-0")).isEmpty();
        assertThat(f.problems()).isEmpty();
        assertThat(f.entries().get(0).line()).isEqualTo(3);
    }

    @Test
    void hashedNamesMatchOnlyTheirHost() {
        KnownHostsFile f = parse(HASHED + " ssh-ed25519 " + KEY);

        assertThat(f.keysFor("[10.0.0.11]:2222")).hasSize(1);
        assertThat(f.keysFor("10.0.0.11")).isEmpty();
        assertThat(f.keysFor("[10.0.0.11]:2223")).isEmpty();
    }

    @Test
    void wildcardsAndNegation() {
        KnownHostsFile f = parse("gpu-?? ssh-ed25519 " + KEY, "*.lab.example,!bad.lab.example ssh-ed25519 " + KEY,
                "[10.0.0.*]:2222 ssh-ed25519 " + KEY);

        assertThat(f.keysFor("gpu-07")).hasSize(1);
        assertThat(f.keysFor("gpu-7")).isEmpty();
        assertThat(f.keysFor("gpu-107")).isEmpty();
        assertThat(f.keysFor("a.lab.example")).hasSize(1);
        assertThat(f.keysFor("bad.lab.example")).as("negated").isEmpty();
        assertThat(f.keysFor("[10.0.0.99]:2222")).hasSize(1);
        assertThat(f.keysFor("[10.0.1.99]:2222")).isEmpty();
        assertThat(KnownHostsFile.HostPatterns.wildcard("a*b*c", "axxbyyc")).isTrue();
        assertThat(KnownHostsFile.HostPatterns.wildcard("a*b*c", "axxbyy")).isFalse();
        assertThat(KnownHostsFile.HostPatterns.wildcard("*", "")).isTrue();
    }

    @Test
    void markers() {
        KnownHostsFile f = parse("@revoked * ssh-ed25519 " + KEY, "@cert-authority *.lab.example ssh-ed25519 " + OTHER,
                "gpu-01 ssh-ed25519 " + OTHER);

        assertThat(f.isRevoked("gpu-01", key())).isTrue();
        assertThat(f.isRevoked("gpu-01", Base64.getDecoder().decode(OTHER))).isFalse();
        assertThat(f.authoritiesFor("a.lab.example")).singleElement()
                .satisfies(e -> assertThat(e.marker()).isEqualTo(KnownHostsFile.Marker.CERT_AUTHORITY));
        assertThat(f.authoritiesFor("gpu-01")).isEmpty();
        assertThat(f.keysFor("a.lab.example")).as("a CA line is not a host key").isEmpty();
        assertThat(f.keysFor("gpu-01")).singleElement().satisfies(e -> assertThat(e.keyType()).isEqualTo("ssh-ed25519"));
    }

    @Test
    void badLinesAreSkippedAndReported() {
        KnownHostsFile f = parse("@bogus host ssh-ed25519 " + KEY, "host-only", "host ssh-ed25519 !!!notbase64",
                "host ssh-rsa " + KEY, "good ssh-ed25519 " + KEY);

        assertThat(f.entries()).extracting(KnownHostsFile.Entry::hosts).containsExactly("good");
        assertThat(f.problems()).containsExactly("line 1: unknown marker @bogus",
                "line 2: expected hosts, key type and key", "line 3: key is not base64",
                "line 4: key type ssh-rsa does not match the key");
    }

    @Test
    void missingFileIsEmpty(@TempDir Path dir) throws Exception {
        assertThat(KnownHostsFile.read(dir.resolve("nope")).entries()).isEmpty();
    }

    @Test
    void appendCreatesTheFileAndKeepsWhatWasThere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/known_hosts");
        HostKeyCheck.append(file, "[10.0.0.11]:2222 ssh-ed25519 " + KEY);
        Files.writeString(file, Files.readString(file) + "no-newline ssh-ed25519 " + OTHER);
        HostKeyCheck.append(file, "gpu-02 ssh-ed25519 " + KEY);

        assertThat(Files.readAllLines(file)).containsExactly("[10.0.0.11]:2222 ssh-ed25519 " + KEY,
                "no-newline ssh-ed25519 " + OTHER, "gpu-02 ssh-ed25519 " + KEY);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary files left").hasSize(1);
        }
        assertThat(KnownHostsFile.read(file).keysFor("[10.0.0.11]:2222")).hasSize(1);
    }

    @Test
    void decisionsOfTheCheck(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, "[h]:2222 ssh-ed25519 " + OTHER + "\n");
        SshHop hop = new SshHop(new SshAddress("h", 2222, "ops"), new SshAuth.DefaultKeys(), file);
        java.util.List<HostKeyRefusal> refused = new java.util.ArrayList<>();
        HostKeyEvents events = new HostKeyEvents() {
            @Override
            public void refused(HostKeyRefusal refusal) {
                refused.add(refusal);
            }
        };

        HostKeyCheck changed = new HostKeyCheck("gpu-01", hop, u -> HostKeyPrompt.Answer.SAVE, events);
        assertThat(changed.check("[h]:2222", key())).isEqualTo(com.jcraft.jsch.HostKeyRepository.CHANGED);
        assertThat(changed.refusal().kind()).isEqualTo(SshException.Kind.HOST_KEY_CHANGED);
        assertThat(changed.refusal().fingerprint()).isEqualTo(PRINT);
        assertThat(changed.refusal().expected()).isEqualTo(Fingerprints.sha256(Base64.getDecoder().decode(OTHER)));
        assertThat(Files.readString(file)).as("a changed key is never saved").doesNotContain(KEY);

        HostKeyCheck known = new HostKeyCheck("gpu-01", hop, HostKeyPrompt.REFUSE, events);
        assertThat(known.check("[h]:2222", Base64.getDecoder().decode(OTHER)))
                .isEqualTo(com.jcraft.jsch.HostKeyRepository.OK);
        assertThat(known.refusal()).isNull();
        assertThat(refused).hasSize(1);
        assertThat(Failures.hostKeyText("gpu-01", changed.refusal(), false)).startsWith(
                "gpu-01: HOST KEY CHANGED for [h]:2222: it offers ssh-ed25519 " + PRINT + " but ");
    }
}
