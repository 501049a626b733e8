package io.watchfloor.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/** Who signs the short-lived SSH user certificates of just-in-time access ({@code access: signer:}). */
public sealed interface SignerConfig {
    /**
     * HashiCorp Vault's SSH secrets engine: {@code POST <url>/v1/<mount>/sign/<role>}.
     *
     * @param caFile PEM file of the CA that signed Vault's TLS certificate, or null for the system's trust store
     */
    record Vault(URI url, String mount, String role, Secret token, Path caFile) implements SignerConfig {
        public Vault {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(mount, "mount");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * A CA private key on this machine, for labs (OpenSSH format, as {@code ssh-keygen} writes it).
     *
     * @param passphrase the key's passphrase, or null when it has none
     */
    record LocalCa(Path caKey, Secret passphrase) implements SignerConfig {
        public LocalCa {
            Objects.requireNonNull(caKey, "caKey");
        }
    }
}
