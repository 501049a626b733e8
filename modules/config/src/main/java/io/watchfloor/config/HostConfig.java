package io.watchfloor.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One entry under {@code hosts:}: a GPU server polled over SSH (for servers without dcgm-exporter) and reachable
 * for just-in-time shells.
 *
 * @param id         the name the wall shows ("gpu-01"); GPU tiles are {@code id/gpuN}
 * @param bastion    id of the bastion to jump through, or null to connect directly
 * @param identity   private key file for polling, or null for ssh-agent and then the default keys
 * @param knownHosts known_hosts file the host key is checked against (default ~/.ssh/known_hosts); for a
 *                   non-22 port the entry is {@code [host]:port}
 * @param services   systemd units of model services whose state the host tile shows ({@code systemctl is-active})
 * @param disks      mount points whose use the host tile shows (default {@code /})
 * @param nvidiaSmi  the nvidia-smi program on the host (default {@code nvidia-smi} from the login PATH)
 */
public record HostConfig(String id, String host, int port, String user, String bastion, Path identity,
                         Path knownHosts, List<String> services, List<String> disks, String nvidiaSmi,
                         Position position) {
    public HostConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        services = List.copyOf(services);
        disks = disks.isEmpty() ? List.of("/") : List.copyOf(disks);
        nvidiaSmi = nvidiaSmi == null || nvidiaSmi.isBlank() ? "nvidia-smi" : nvidiaSmi;
    }
}
