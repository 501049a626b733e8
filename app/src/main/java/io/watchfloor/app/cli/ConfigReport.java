package io.watchfloor.app.cli;

import io.watchfloor.app.runtime.LoadedConfig;
import io.watchfloor.config.AccessConfig;
import io.watchfloor.config.BastionConfig;
import io.watchfloor.config.ConfigException;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.HostConfig;
import io.watchfloor.config.Permission;
import io.watchfloor.config.SignerConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.sources.SourceRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Loads a config for a command, printing one line per problem (FILE:LINE:COL: message). */
final class ConfigReport {
    private ConfigReport() {
    }

    /** @return the config, or null after printing its problems */
    static WatchfloorConfig loadOrReport(Path file, PrintWriter err) {
        try {
            return LoadedConfig.load(file, System.getenv(), SourceRegistry.standard());
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p.format());
            }
            err.flush();
            return null;
        }
    }

    /**
     * check-config's lines about SSH hosts and shell access: hosts per bastion, the signer and certificate lifetime,
     * this user's role, and a warning per key file that does not exist. Such files are not load problems (they may
     * be made after the config is written, and the console checks them when it connects), but a missing one here
     * usually means a typo in the path.
     */
    static List<String> sshSummary(WatchfloorConfig config, String osUser) {
        List<String> lines = new ArrayList<>();
        if (!config.bastions().isEmpty() || !config.hosts().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (BastionConfig b : config.bastions()) {
                long behind = config.hosts().stream().filter(h -> b.id().equals(h.bastion())).count();
                parts.add("bastion " + b.id() + ": " + hosts(behind));
            }
            long direct = config.hosts().stream().filter(h -> h.bastion() == null).count();
            if (direct > 0) {
                parts.add(hosts(direct) + " reached directly");
            }
            lines.add("SSH: " + String.join(", ", parts));
        }
        AccessConfig access = config.access();
        if (access == null) {
            if (!config.hosts().isEmpty()) {
                lines.add("shells: off (no access: section)");
            }
        } else {
            String role = access.roleOf(osUser, false);
            String signer = switch (access.signer()) {
                case SignerConfig.Vault v -> "Vault at " + v.url();
                case SignerConfig.LocalCa c -> "local CA key";
            };
            lines.add("shells: certificates from " + signer + ", valid " + minutes(access) + "; " + osUser + " is "
                    + (role == null ? "not in users: and there is no defaultRole (view only)"
                    : role + " (" + access.permissionsOf(role).stream().sorted().map(Permission::wireName)
                            .collect(Collectors.joining(", ")) + ")"));
        }
        missingFiles(config).forEach((file, users) -> lines.add("warning: " + file + " does not exist ("
                + String.join(", ", users) + "); the console needs it when it connects"));
        return lines;
    }

    /** Each key file named (or defaulted) in the config that does not exist, with what names it. */
    private static Map<Path, List<String>> missingFiles(WatchfloorConfig config) {
        Map<Path, List<String>> missing = new LinkedHashMap<>();
        for (BastionConfig b : config.bastions()) {
            note(missing, b.identity(), "identity of bastion " + b.id());
            note(missing, b.knownHosts(), "knownHosts of bastion " + b.id());
        }
        for (HostConfig h : config.hosts()) {
            note(missing, h.identity(), "identity of host " + h.id());
            note(missing, h.knownHosts(), "knownHosts of host " + h.id());
        }
        AccessConfig access = config.access();
        if (access != null) {
            note(missing, access.recordingKey(), "access.recordingKey; make it with watchfloor audit keygen");
            if (access.signer() instanceof SignerConfig.LocalCa ca) {
                note(missing, ca.caKey(), "access.signer.caKey");
            } else if (access.signer() instanceof SignerConfig.Vault v) {
                note(missing, v.caFile(), "access.signer.caFile");
            }
        }
        return missing;
    }

    private static void note(Map<Path, List<String>> missing, Path file, String what) {
        if (file != null && !Files.exists(file)) {
            missing.computeIfAbsent(file, f -> new ArrayList<>()).add(what);
        }
    }

    private static String hosts(long n) {
        return n + " host" + (n == 1 ? "" : "s");
    }

    private static String minutes(AccessConfig access) {
        long m = Objects.requireNonNull(access.ttl()).toMinutes();
        return m % 60 == 0 ? m / 60 + "h" : m + "m";
    }
}
