package io.watchfloor.ssh;

import java.nio.file.Path;

/**
 * A host key that was not accepted, for the warning, the prompt and the audit log.
 *
 * @param hostId        the configured host (or bastion) id
 * @param knownHostsName the name looked up, {@code [127.0.0.1]:2222}
 * @param keyType       {@code ssh-ed25519}, ...
 * @param fingerprint   {@code SHA256:...} as ssh-keygen -l prints it
 * @param expected      for a changed key, the fingerprint known_hosts holds; else null
 * @param knownHosts    the file that was consulted
 */
public record HostKeyRefusal(String hostId, SshException.Kind kind, String knownHostsName, String keyType,
                             String fingerprint, String expected, Path knownHosts) {
}
