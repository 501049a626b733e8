package io.watchfloor.ssh;

import java.nio.file.Path;
import java.util.List;

/** How one hop authenticates. */
public sealed interface SshAuth {
    /** ssh-agent (SSH_AUTH_SOCK) when one runs, then ~/.ssh/id_ed25519, id_ecdsa and id_rsa where present. */
    record DefaultKeys() implements SshAuth {
    }

    /** These private key files (unencrypted, or with a passphrase from ssh-agent's copy). */
    record KeyFiles(List<Path> keys) implements SshAuth {
        public KeyFiles {
            keys = List.copyOf(keys);
        }
    }

    /** An in-memory key with its OpenSSH user certificate (just-in-time access); never written anywhere. */
    record Certificate(CertificateIdentity identity) implements SshAuth {
    }
}
