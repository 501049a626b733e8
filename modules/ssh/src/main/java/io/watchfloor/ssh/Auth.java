package io.watchfloor.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts one hop's {@link SshAuth} onto a JSch session: public keys only, never passwords or keyboard-interactive. */
final class Auth {
    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    private static final List<String> DEFAULT_KEY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");
    static final Supplier<String> FROM_ENVIRONMENT = () -> System.getenv("SSH_AUTH_SOCK");
    /** Where ssh-agent listens; the environment, replaced only by tests (a JVM cannot change its environment). */
    static volatile Supplier<String> agentSocket = FROM_ENVIRONMENT;

    private Auth() {
    }

    static void apply(JSch jsch, Session session, SshAuth auth) throws JSchException {
        session.setConfig("PreferredAuthentications", "publickey");
        switch (auth) {
            case SshAuth.KeyFiles files -> {
                for (Path key : files.keys()) {
                    try {
                        jsch.addIdentity(key.toString());
                    } catch (JSchException unusable) {
                        throw new KeyFileUnusable(key, unusable);
                    }
                }
            }
            case SshAuth.DefaultKeys ignored -> {
                Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
                for (String name : DEFAULT_KEY_FILES) {
                    Path key = ssh.resolve(name);
                    if (Files.isReadable(key)) {
                        try {
                            jsch.addIdentity(key.toString());
                        } catch (JSchException unreadable) {
                            LOG.debug("skipping {}: {}", key, unreadable.getMessage());
                        }
                    }
                }
                IdentityRepository agent = agent();
                if (agent != null) {
                    session.setIdentityRepository(new AgentFirst(agent, jsch.getIdentityRepository()));
                }
            }
            case SshAuth.Certificate cert -> {
                jsch.addIdentity(new CertificateJschIdentity(cert.identity()), null);
                // JSch only offers algorithms listed here; make sure the certificate's is, first.
                String algorithm = cert.identity().algorithm();
                String accepted = session.getConfig("PubkeyAcceptedAlgorithms");
                if (!List.of(accepted.split(",")).contains(algorithm)) {
                    session.setConfig("PubkeyAcceptedAlgorithms", algorithm + "," + accepted);
                }
            }
        }
    }

    /** For messages: what was offered, never the key itself. */
    static String describe(SshAuth auth) {
        return switch (auth) {
            case SshAuth.KeyFiles files -> "key " + files.keys().stream().map(Path::toString)
                    .collect(Collectors.joining(", "));
            case SshAuth.DefaultKeys ignored -> "ssh-agent and ~/.ssh keys";
            case SshAuth.Certificate cert -> "certificate " + cert.identity().name();
        };
    }

    /** ssh-agent over its Unix socket when SSH_AUTH_SOCK names one; null otherwise. */
    private static IdentityRepository agent() {
        String socket = agentSocket.get();
        if (socket == null || socket.isBlank() || !Files.exists(Path.of(socket))) {
            return null;
        }
        try {
            return new AgentIdentityRepository(new SSHAgentConnector(new UnixDomainSocketFactory(), Path.of(socket)));
        } catch (Exception | LinkageError unavailable) {
            LOG.debug("ssh-agent unavailable: {}", unavailable.toString());
            return null;
        }
    }

    /** A configured key file that is missing, unreadable or not a private key JSch knows. */
    static final class KeyFileUnusable extends JSchException {
        final Path file;

        KeyFileUnusable(Path file, Throwable cause) {
            super("cannot use key file " + file, cause);
            this.file = file;
        }
    }

    /** The agent's keys, then the key files; an agent that stops answering just contributes nothing. */
    private record AgentFirst(IdentityRepository agent, IdentityRepository files) implements IdentityRepository {
        @Override
        public String getName() {
            return "ssh-agent+files";
        }

        @Override
        public int getStatus() {
            return RUNNING;
        }

        @Override
        public Vector<Identity> getIdentities() {
            List<Identity> all = new ArrayList<>();
            try {
                all.addAll(agent.getIdentities());
            } catch (RuntimeException agentGone) {
                LOG.debug("ssh-agent did not list keys: {}", agentGone.toString());
            }
            all.addAll(files.getIdentities());
            return new Vector<>(all);
        }

        @Override
        public boolean add(byte[] identity) {
            return false;
        }

        @Override
        public boolean remove(byte[] blob) {
            return false;
        }

        @Override
        public void removeAll() {
        }
    }
}
