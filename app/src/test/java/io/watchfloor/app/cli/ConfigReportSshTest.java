package io.watchfloor.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.ConfigLoader;
import io.watchfloor.config.WatchfloorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** check-config's summary of SSH hosts and shell access, and its warnings for key files that are not there. */
class ConfigReportSshTest {
    private static final String SSH = """
            sources:
              - {id: d, type: demo}
            bastions:
              - {id: jump, host: 127.0.0.1, port: 2222, user: ops, identity: id_jump, knownHosts: known_hosts}
            hosts:
              - {id: gpu-01, host: 10.0.0.11, user: ops, bastion: jump, knownHosts: known_hosts}
              - {id: gpu-02, host: 10.0.0.12, user: ops, bastion: jump, knownHosts: known_hosts}
              - {id: lab, host: 10.0.0.13, user: ops, knownHosts: known_hosts}
            access:
              signer: {type: local-ca, caKey: ca}
              ttl: 2h
              recordingKey: rec.pem
              users: {ana: lead}
            """;

    @TempDir
    Path dir;

    @Test
    void summarisesHostsPerBastionSignerTtlAndTheUsersRole() throws Exception {
        Files.writeString(dir.resolve("known_hosts"), "");
        Files.writeString(dir.resolve("id_jump"), "");
        Files.writeString(dir.resolve("ca"), "");
        Files.writeString(dir.resolve("rec.pem"), "");
        WatchfloorConfig config = ConfigLoader.load(Files.writeString(dir.resolve("w.yaml"), SSH), Map.of());

        assertThat(ConfigReport.sshSummary(config, "ana")).containsExactly(
                "SSH: bastion jump: 2 hosts, 1 host reached directly",
                "shells: certificates from local CA key, valid 2h; ana is lead (view, ack, shell)");
        assertThat(ConfigReport.sshSummary(config, "zoe")).last().asString()
                .isEqualTo("shells: certificates from local CA key, valid 2h; zoe is not in users: and there is no "
                        + "defaultRole (view only)");
    }

    @Test
    void checkConfigWarnsOfEachMissingKeyFileOnceAndStillSucceeds() throws Exception {
        Path config = Files.writeString(dir.resolve("w.yaml"), SSH);
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new WatchfloorCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));

        assertThat(cl.execute("check-config", config.toString())).isEqualTo(0);
        assertThat(out.toString()).contains(
                "warning: " + dir.resolve("id_jump") + " does not exist (identity of bastion jump)",
                "warning: " + dir.resolve("known_hosts") + " does not exist (knownHosts of bastion jump, knownHosts of "
                        + "host gpu-01, knownHosts of host gpu-02, knownHosts of host lab)",
                "warning: " + dir.resolve("ca") + " does not exist (access.signer.caKey)",
                "warning: " + dir.resolve("rec.pem") + " does not exist (access.recordingKey; make it with watchfloor "
                        + "audit keygen)");
    }

    @Test
    void aConfigWithoutSshSaysNothingAboutIt() throws Exception {
        WatchfloorConfig config = ConfigLoader.parse("sources:\n  - {id: d, type: demo}\n", dir.resolve("w.yaml"),
                Map.of());
        assertThat(ConfigReport.sshSummary(config, "ana")).isEmpty();
    }
}
