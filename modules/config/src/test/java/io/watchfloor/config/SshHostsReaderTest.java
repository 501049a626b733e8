package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.FILE;
import static io.watchfloor.config.ConfigAssertions.parse;
import static io.watchfloor.config.ConfigAssertions.problems;
import static io.watchfloor.config.ConfigAssertions.withSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bastions:} and {@code hosts:}: GPU hosts polled over SSH, and the jump hosts in front of them. */
class SshHostsReaderTest {
    /** The example of the issue, without access: (see AccessReaderTest); lines 4 to 7. */
    static final String ISSUE_HOSTS = """
            bastions:
              - {id: bastion, host: 127.0.0.1, port: 2222, user: ops, identity: ~/.ssh/id_ed25519, knownHosts: ~/.ssh/known_hosts}
            hosts:
              - {id: gpu-01, host: 10.0.0.11, port: 22, user: ops, bastion: bastion, knownHosts: ~/.ssh/known_hosts}
            """;

    @TempDir
    Path home;
    private String realHome;

    @BeforeEach
    void fakeHome() {
        realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void realHome() {
        System.setProperty("user.home", realHome);
    }

    @Test
    void readsTheIssueExampleWithTildeExpandedAndDefaultsFilledIn() throws Exception {
        WatchfloorConfig config = parse(withSource(ISSUE_HOSTS));

        Path ssh = home.resolve(".ssh");
        assertThat(config.bastions()).containsExactly(new BastionConfig("bastion", "127.0.0.1", 2222, "ops",
                ssh.resolve("id_ed25519"), ssh.resolve("known_hosts"), Duration.ofSeconds(15), Duration.ofSeconds(10),
                16, new Position(FILE, 5, 5)));
        assertThat(config.hosts()).containsExactly(new HostConfig("gpu-01", "10.0.0.11", 22, "ops", "bastion", null,
                ssh.resolve("known_hosts"), List.of(), List.of("/"), "nvidia-smi", new Position(FILE, 7, 5)));
        assertThat(config.host("gpu-01").bastion()).isEqualTo(config.bastion("bastion").id());
        assertThat(config.access()).isNull();
    }

    @Test
    void readsEveryKeyAndResolvesRelativePathsAgainstTheConfigFilesFolder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("watchfloor.yaml"), withSource("""
                bastions:
                  - id: jump
                    host: bastion.example.net
                    user: ops
                    identity: keys/poll
                    interval: 30s
                    timeout: 20s
                    concurrency: 64
                hosts:
                  - id: gpu-02
                    host: gpu-02.lab
                    user: ops
                    identity: /etc/watchfloor/poll_key
                    knownHosts: known_hosts
                    services: [vllm.service, tgi@llama.service]
                    disks: [/, /data]
                    nvidiaSmi: /usr/bin/nvidia-smi
                """));
        WatchfloorConfig config = ConfigLoader.load(file, Map.of());

        BastionConfig b = config.bastion("jump");
        assertThat(b.port()).isEqualTo(22);
        assertThat(b.identity()).isEqualTo(dir.resolve("keys/poll"));
        assertThat(b.knownHosts()).isEqualTo(home.resolve(".ssh/known_hosts"));
        assertThat(b.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(b.concurrency()).isEqualTo(64);
        HostConfig h = config.host("gpu-02");
        assertThat(h.bastion()).isNull(); // reached directly
        assertThat(h.identity()).isEqualTo(Path.of("/etc/watchfloor/poll_key"));
        assertThat(h.knownHosts()).isEqualTo(dir.resolve("known_hosts"));
        assertThat(h.services()).containsExactly("vllm.service", "tgi@llama.service");
        assertThat(h.disks()).containsExactly("/", "/data");
        assertThat(h.nvidiaSmi()).isEqualTo("/usr/bin/nvidia-smi");
        // none of the key files exist: the console checks them when it connects
        assertThat(Files.exists(b.identity())).isFalse();
    }

    @Test
    void theSameAddressBehindTwoBastionsIsTwoMachines() throws Exception {
        WatchfloorConfig config = parse(withSource("""
                bastions:
                  - {id: dc1, host: 10.1.0.1, user: ops}
                  - {id: dc2, host: 10.2.0.1, user: ops}
                hosts:
                  - {id: a, host: 10.0.0.11, user: ops, bastion: dc1}
                  - {id: b, host: 10.0.0.11, user: ops, bastion: dc2}
                """));
        assertThat(config.hosts()).extracting(HostConfig::id).containsExactly("a", "b");
    }

    @Test
    void bastionProblemsAreAllReportedWithTheirPositions() {
        assertThat(problems(withSource("""
                bastions:
                  - {id: jump, host: 10.0.0.2, user: ops, concurrency: 500, intervall: 5s}
                  - {id: jump, host: "10.0.0.2 ", port: 22, timeout: 20s}
                  - {id: other, host: "a b", user: "o p", interval: 10s, timeout: 10s, port: 0}
                  - [not, a, mapping]
                """))).containsExactly(
                "5:56: bastions[0].concurrency: \"500\" is out of range; expected the number of hosts polled at once, "
                        + "from 1 to 256 (default 16)",
                "5:61: bastions[0]: unknown key \"intervall\" (did you mean \"interval\"? expected one of: id, host, "
                        + "port, user, identity, knownHosts, interval, timeout, concurrency)",
                "6:5: bastions[1]: missing required key \"user\"; expected the login name on that server, such as ops",
                "6:10: bastions[1].id: duplicate bastion id \"jump\" (first defined at line 5); expected a unique id "
                        + "per bastion",
                "6:22: bastions[1].host: bastion 10.0.0.2 port 22 is already listed at line 5; expected each bastion "
                        + "once",
                "6:54: bastions[1].timeout: timeout 20s is not shorter than interval 15s; expected a timeout below the "
                        + "interval, so that one poll ends before the next begins",
                "7:23: bastions[2].host: \"a b\" is not a host name or address; expected a host name or address such "
                        + "as 10.0.0.2",
                "7:36: bastions[2].user: \"o p\" is not a login name; expected letters, digits, '.', '_' or '-', such "
                        + "as ops",
                "7:67: bastions[2].timeout: timeout 10s is not shorter than interval 10s; expected a timeout below the "
                        + "interval, so that one poll ends before the next begins",
                "7:78: bastions[2].port: \"0\" is out of range; expected a port from 1 to 65535 (default 22)",
                "8:5: bastions[3]: is a list; expected a mapping such as {id: bastion, host: 10.0.0.2, user: ops}");
    }

    @Test
    void hostProblemsAreAllReportedWithTheirPositions() {
        assertThat(problems(withSource("""
                bastions:
                  - {id: bastion, host: 10.0.0.2, user: ops}
                hosts:
                  - {id: gpu-01, host: 10.0.0.11, user: ops, bastion: bastoin}
                  - {id: gpu-01, host: 10.0.0.12, user: ops, port: 70000}
                  - {id: bastion, host: 10.0.0.13, user: ops}
                  - {id: gpu-03, host: 10.0.0.14, bastion: bastion}
                  - {id: gpu-04, host: 10.0.0.15, user: ops, port: 2222}
                  - {id: gpu-05, host: 10.0.0.15, user: ops, port: 2222, sevices: [a]}
                  - {id: gpu-06, host: h, user: ops, services: ["vllm; rm -rf /"], disks: [data], nvidiaSmi: "nvidia-smi -q"}
                """))).containsExactly(
                "7:55: hosts[0].bastion: no bastion has id \"bastoin\" (did you mean \"bastion\"?); expected the id of "
                        + "an entry under bastions:",
                "8:10: hosts[1].id: duplicate host id \"gpu-01\" (first defined at line 7); expected a unique id per "
                        + "host",
                "8:52: hosts[1].port: \"70000\" is out of range; expected a port from 1 to 65535 (default 22)",
                "9:10: hosts[2].id: host id \"bastion\" is also a bastion's id (line 5); expected different ids for "
                        + "hosts and bastions",
                "10:5: hosts[3]: missing required key \"user\"; expected the login name on that server, such as ops",
                "12:24: hosts[5].host: host 10.0.0.15 port 2222 is already listed at line 11; expected each host once",
                "12:58: hosts[5]: unknown key \"sevices\" (did you mean \"services\"? expected one of: id, host, "
                        + "port, user, bastion, identity, knownHosts, services, disks, nvidiaSmi)",
                "13:49: hosts[6].services[0]: \"vllm; rm -rf /\" is not a systemd unit name; expected letters, digits "
                        + "and :_.@-, such as vllm.service",
                "13:76: hosts[6].disks[0]: \"data\" is not a mount point; expected an absolute path without spaces or "
                        + "quotes, such as /data",
                "13:94: hosts[6].nvidiaSmi: \"nvidia-smi -q\" is not a program path; expected a program name or path "
                        + "such as /usr/bin/nvidia-smi (no spaces, quotes or options)");
    }

    @Test
    void aHostNamingABastionWithoutBastionsIsAProblem() {
        assertThat(problems(withSource("hosts:\n  - {id: gpu-01, host: 10.0.0.11, user: ops, bastion: jump}\n")))
                .containsExactly("5:55: hosts[0].bastion: no bastion has id \"jump\"; expected the id of an entry "
                        + "under bastions:");
    }

    @Test
    void sectionsOfTheWrongShape() {
        assertThat(problems(withSource("bastions: {id: b}\nhosts: gpu-01\n"))).containsExactly(
                "4:11: bastions: is a mapping; expected a list of bastions, each with at least id, host and user "
                        + "(start each bastion with \"- \")",
                "5:8: hosts: is the value \"gpu-01\"; expected a list of hosts, each with at least id, host and user "
                        + "(start each host with \"- \")");
    }
}
