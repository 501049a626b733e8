package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.FILE;
import static io.watchfloor.config.ConfigAssertions.parse;
import static io.watchfloor.config.ConfigAssertions.problems;
import static io.watchfloor.config.ConfigAssertions.withSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code access:} and {@code roles:}: who signs just-in-time certificates, and who may do what. */
class AccessReaderTest {
    private static final String TOKEN = "hvs.s3cr3t-t0ken";
    private static final Map<String, String> ENV = Map.of("VAULT_TOKEN", TOKEN, "CA_PASS", "pa55phrase");
    private static final Path DIR = FILE.toAbsolutePath().getParent();

    /** The issue's example (lines 4 to 12) plus the recording key, which this console requires with access:. */
    private static final String ISSUE_EXAMPLE = SshHostsReaderTest.ISSUE_HOSTS + """
            access:
              signer: {type: vault, url: https://vault:8200, mount: ssh-client-signer, role: gpu-ops, token: ${VAULT_TOKEN}}
              # or, for labs: {type: local-ca, caKey: /path/to/ca}
              ttl: 15m
            RECORDING_KEYroles: {wall: [view], operator: [view, ack], lead: [view, ack, shell]}
            """;

    /** An access: section a test varies one key of; lines 4 to 7. */
    private static String access(String signer, String more) {
        return withSource("access:\n  signer: " + signer + "\n  recordingKey: rec.pem\n" + more);
    }

    private static final String VAULT = "{type: vault, url: https://vault:8200, mount: ssh, role: ops, token: t}";

    @Test
    void readsTheIssueExample() throws Exception {
        WatchfloorConfig config = parse(withSource(ISSUE_EXAMPLE.replace("RECORDING_KEY",
                "  recordingKey: audit/recording.pub.pem\n")), ENV);

        AccessConfig access = config.access();
        assertThat(access.signer()).isEqualTo(new SignerConfig.Vault(URI.create("https://vault:8200"),
                "ssh-client-signer", "gpu-ops", new Secret(TOKEN), null));
        assertThat(access.ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(access.login()).isNull();
        assertThat(access.recordingKey()).isEqualTo(DIR.resolve("audit/recording.pub.pem"));
        assertThat(access.users()).isEmpty();
        assertThat(access.defaultRole()).isNull();
        assertThat(access.roles()).isEqualTo(Map.of("wall", Set.of(Permission.VIEW),
                "operator", Set.of(Permission.VIEW, Permission.ACK),
                "lead", Set.of(Permission.VIEW, Permission.ACK, Permission.SHELL)));
        assertThat(config.bastions()).hasSize(1);
        assertThat(config.hosts()).hasSize(1);
    }

    @Test
    void theIssueExampleAsWrittenOnlyLacksTheRecordingKey() {
        assertThat(problems(withSource(ISSUE_EXAMPLE.replace("RECORDING_KEY", "")), ENV)).containsExactly(
                "9:3: access: missing required key \"recordingKey\"; expected the path of the RSA public key (PEM) "
                        + "that terminal recordings are encrypted to; make one with `watchfloor audit keygen`");
    }

    @Test
    void readsALocalCaWithUsersDefaultRoleAndLogin() throws Exception {
        WatchfloorConfig config = parse(access("{type: local-ca, caKey: lab/ca, passphrase: \"${CA_PASS}\"}", """
                  ttl: 1h
                  login: jit
                  users: {ana: lead, bo: operator}
                  defaultRole: operator
                """), ENV);

        AccessConfig access = config.access();
        assertThat(access.signer()).isEqualTo(new SignerConfig.LocalCa(DIR.resolve("lab/ca"), new Secret("pa55phrase")));
        assertThat(access.ttl()).isEqualTo(Duration.ofHours(1));
        assertThat(access.login()).isEqualTo("jit");
        assertThat(access.users()).isEqualTo(Map.of("ana", "lead", "bo", "operator"));
        // no roles: the built-in ones
        assertThat(access.roles()).isEqualTo(AccessConfig.DEFAULT_ROLES);
        assertThat(access.permissionsOf(access.roleOf("ana", false))).contains(Permission.SHELL);
        assertThat(access.roleOf("someone-else", false)).isEqualTo("operator");
        assertThat(access.roleOf("ana", true)).isEqualTo("wall");
    }

    @Test
    void plainHttpIsAcceptedOnlyForAVaultOnThisMachine() throws Exception {
        for (String url : List.of("http://127.0.0.1:8200", "http://localhost:8200", "http://[::1]:8200")) {
            SignerConfig signer = parse(access("{type: vault, url: \"" + url + "\", mount: ssh, role: ops, token: t}",
                    "")).access().signer();
            assertThat(((SignerConfig.Vault) signer).url()).isEqualTo(URI.create(url));
        }
        assertThat(problems(access("{type: vault, url: \"http://vault:8200\", mount: ssh, role: ops, token: t}", "")))
                .containsExactly("5:30: access.signer.url: \"http://vault:8200\" is not https; expected an https URL "
                        + "such as https://vault:8200 (plain http only for 127.0.0.1, localhost or ::1: the token would "
                        + "cross the network in clear text)");
    }

    @Test
    void signerProblemsAreReportedWithTheirPositions() {
        assertThat(problems(access("{type: vualt, url: https://vault:8200}", ""))).containsExactly(
                "5:18: access.signer.type: \"vualt\" is not a signer type (did you mean \"vault\"?); expected vault or "
                        + "local-ca");
        assertThat(problems(access("{type: vault, url: https://vault:8200, mont: ssh}", ""))).containsExactly(
                "5:11: access.signer: missing required key \"mount\"; expected the SSH secrets engine's mount path, "
                        + "such as ssh-client-signer",
                "5:11: access.signer: missing required key \"role\"; expected the Vault role that signs, such as gpu-ops",
                "5:11: access.signer: missing required key \"token\"; expected a Vault token, usually ${VAULT_TOKEN}",
                "5:50: access.signer: unknown key \"mont\" (did you mean \"mount\"? expected one of: type, url, mount, "
                        + "role, token, caFile)");
        assertThat(problems(access("{type: local-ca, passphrase: \"\"}", ""))).containsExactly(
                "5:11: access.signer: missing required key \"caKey\"; expected the path of the CA's private key "
                        + "(OpenSSH format), such as /path/to/ca",
                "5:40: access.signer.passphrase: is empty; expected the CA key's passphrase, usually ${CA_PASSPHRASE}, "
                        + "or no passphrase: for a key without one");
        assertThat(problems(withSource("access: {recordingKey: r.pem}\n"))).containsExactly(
                "4:9: access: missing required key \"signer\"; expected a mapping such as {type: vault, "
                        + "url: https://vault:8200, mount: ssh-client-signer, role: gpu-ops, token: ${VAULT_TOKEN}} or "
                        + "{type: local-ca, caKey: /path/to/ca}");
    }

    @Test
    void anUnsetTokenIsThePlaceholderProblemAndNoSecretIsEverPrinted() throws Exception {
        String yaml = access("{type: vault, url: https://vault:8200, mount: ssh, role: ops, token: \"${VAULT_TOKEN}\"}",
                "  users: {ana: leed}\n");
        assertThat(problems(yaml)).containsExactly(
                "5:80: access.signer.token: environment variable VAULT_TOKEN is not set (set it, or give a default as "
                        + "in ${VAULT_TOKEN:-value})",
                "7:16: access.users.ana: no role \"leed\" (did you mean \"lead\"?); expected a role under roles:, one of "
                        + "lead, operator, wall");
        // with the token set, the other problem's message and the config's text do not carry it
        List<String> withToken = problems(yaml, ENV);
        assertThat(withToken).hasSize(1).noneMatch(p -> p.contains(TOKEN));
        WatchfloorConfig config = ConfigAssertions.parse(access("{type: vault, url: https://vault:8200, mount: ssh, "
                + "role: ops, token: \"${VAULT_TOKEN}\"}", ""), ENV);
        assertThat(config.access().toString()).doesNotContain(TOKEN).contains("***");
        assertThat(config.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aTokenWrittenInTheFileIsNotQuotedInMessagesEither() {
        assertThat(problems(access("{type: vault, url: https://vault:8200, mount: ssh, role: ops, token: [hunter2]}", "")))
                .containsExactly("5:80: access.signer.token: is a list; expected a Vault token, usually ${VAULT_TOKEN}");
        assertThat(problems(access("{type: local-ca, caKey: ca, passphrase: {p: hunter2}}", "")))
                .noneMatch(p -> p.contains("hunter2"));
    }

    @Test
    void ttlMustBeBetweenAMinuteAndADay() {
        assertThat(problems(access(VAULT, "  ttl: 30s\n"))).containsExactly(
                "7:8: access.ttl: \"30s\" is too short; expected at least 1m");
        assertThat(problems(access(VAULT, "  ttl: 2d\n"))).containsExactly(
                "7:8: access.ttl: 2d is too long; expected at most 24h (certificates are short-lived on purpose; "
                        + "default 15m)");
    }

    @Test
    void rolesProblemsAreReportedWithTheirPositions() {
        assertThat(problems(access(VAULT, """
                  users: {ana: lead, bo: boss}
                  defaultRole: viewer
                roles:
                  lead: [view, ack, shel]
                  viewer: view
                  ok: []
                """))).containsExactly(
                "7:26: access.users.bo: no role \"boss\"; expected a role under roles:, one of lead, ok, viewer",
                "10:21: roles.lead[2]: \"shel\" is not a permission (did you mean \"shell\"?); expected a list of "
                        + "permissions from view, ack, shell",
                // viewer is meant as a role, so defaultRole: viewer is not a problem of its own
                "11:11: roles.viewer: is the value \"view\"; expected a list of permissions from view, ack, shell, such "
                        + "as [view, ack]");
    }

    @Test
    void rolesWithoutAccessIsAProblem() {
        assertThat(problems(withSource("roles: {lead: [view, ack, shell]}\n"))).containsExactly(
                "4:8: roles: needs an access: section (roles say who may acknowledge and open shells, which is "
                        + "configured under access:); expected access: with signer and recordingKey, or no roles:");
    }

    @Test
    void misspeltAccessKeysGetASuggestionAndNoMissingKeyProblem() {
        assertThat(problems(withSource("access:\n  signer: " + VAULT + "\n  recordingkey: r.pem\n  tll: 1h\n")))
                .containsExactly(
                        "6:3: access: unknown key \"recordingkey\" (did you mean \"recordingKey\"? expected one of: "
                                + "signer, ttl, login, recordingKey, users, defaultRole)",
                        "7:3: access: unknown key \"tll\" (did you mean \"ttl\"? expected one of: signer, ttl, login, "
                                + "recordingKey, users, defaultRole)");
    }
}
