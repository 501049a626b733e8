package io.watchfloor.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host-key decision for one connection to one hop, handed to JSch as its {@link HostKeyRepository} (with
 * StrictHostKeyChecking=yes, so JSch never adds keys itself). Reads known_hosts afresh per connection, so a key
 * saved by another connection counts at once. A revoked key or a changed key is refused without asking; an unknown
 * key is put to the {@link HostKeyPrompt}. Every refusal and every trust is told to {@link HostKeyEvents}; the last
 * refusal stays readable so the caller can turn JSch's exception into an {@link SshException} with the details.
 *
 * <p>Host certificates: JSch 2.28.8 verifies them itself (signature, validity, principals, host-certificate type)
 * against the {@code @cert-authority} keys this repository lists for the host ({@link #getHostKey()}). For a host
 * a CA covers, the caller turns JSch's fallback to the certificate's plain key off ({@link #certificateRequired()}),
 * so a bad certificate is refused instead of reaching the prompt.
 */
final class HostKeyCheck implements HostKeyRepository {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);
    /** One writer at a time within this process for every known_hosts file; the rename makes it atomic for readers. */
    private static final Object SAVE_LOCK = new Object();

    private final String hostId;
    private final SshAddress address;
    private final KnownHostsFile known;
    private final HostKeyPrompt prompt;
    private final HostKeyEvents events;
    private volatile HostKeyRefusal refusal;

    HostKeyCheck(String hostId, SshHop hop, HostKeyPrompt prompt, HostKeyEvents events) throws IOException {
        this.hostId = hostId;
        this.address = hop.address();
        this.known = KnownHostsFile.read(hop.knownHosts());
        this.prompt = prompt;
        this.events = events;
        for (String problem : known.problems()) {
            LOG.warn("{}: {} skipped, {}", hostId, hop.knownHosts(), problem);
        }
    }

    /** The refusal of the last check, or null when the key was accepted (or not checked yet). */
    HostKeyRefusal refusal() {
        return refusal;
    }

    @Override
    public int check(String host, byte[] key) {
        String name = address.knownHostsName();
        String type = KnownHostsFile.blobType(key);
        String fingerprint = Fingerprints.sha256(key);
        if (known.isRevoked(name, key)) {
            return refuse(new HostKeyRefusal(hostId, SshException.Kind.HOST_KEY_REVOKED, name, type, fingerprint,
                    null, known.file()), CHANGED);
        }
        List<KnownHostsFile.Entry> keys = known.keysFor(name);
        if (keys.stream().anyMatch(e -> e.sameKey(key))) {
            return OK;
        }
        // Anything known for this name (a key of any type, or a CA) that did not match is a changed key: a
        // man-in-the-middle simply offers a type we do not know yet, and that must not reach the prompt.
        String expected = expected(keys, type, known.authoritiesFor(name));
        if (expected != null) {
            return refuse(new HostKeyRefusal(hostId, SshException.Kind.HOST_KEY_CHANGED, name, type, fingerprint,
                    expected, known.file()), CHANGED);
        }
        HostKeyRefusal unknown = new HostKeyRefusal(hostId, SshException.Kind.HOST_KEY_UNKNOWN, name, type,
                fingerprint, null, known.file());
        HostKeyPrompt.Answer answer;
        try {
            answer = prompt.unknownHost(unknown);
        } catch (RuntimeException promptFailed) {
            LOG.warn("{}: host key prompt failed, refusing", hostId, promptFailed);
            answer = HostKeyPrompt.Answer.REFUSE;
        }
        if (answer == null || answer == HostKeyPrompt.Answer.REFUSE) {
            return refuse(unknown, NOT_INCLUDED);
        }
        if (answer == HostKeyPrompt.Answer.SAVE) {
            try {
                append(known.file(), name + " " + type + " " + Base64.getEncoder().encodeToString(key));
            } catch (IOException | UncheckedIOException e) {
                // The operator trusted the key; not being able to remember it must not undo that.
                LOG.warn("{}: could not save host key to {}: {}", hostId, known.file(), e.getMessage());
            }
        }
        refusal = null;
        events.trusted(unknown, answer);
        return OK;
    }

    /**
     * What known_hosts holds for the host, for the HOST KEY CHANGED text: the fingerprints of its keys (with their
     * type when it differs from the offered one) and of the CAs trusted for it; null when nothing is known.
     */
    private static String expected(List<KnownHostsFile.Entry> keys, String offeredType,
                                   List<KnownHostsFile.Entry> authorities) {
        List<String> parts = new ArrayList<>();
        for (KnownHostsFile.Entry e : keys) {
            String print = Fingerprints.sha256(e.key());
            parts.add(e.keyType().equals(offeredType) ? print : e.keyType() + " " + print);
        }
        for (KnownHostsFile.Entry ca : authorities) {
            parts.add("a host certificate from @cert-authority " + ca.keyType() + " " + Fingerprints.sha256(ca.key()));
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** Whether a @cert-authority covers this host: then only a valid host certificate will do. */
    boolean certificateRequired() {
        return !known.authoritiesFor(address.knownHostsName()).isEmpty();
    }

    /**
     * JSch refused the host's certificate itself (bad signature, unknown CA, expired, wrong principal) and, with
     * the fallback off, never called {@link #check}: record that as a changed key.
     */
    HostKeyRefusal certificateRejected(String why) {
        String name = address.knownHostsName();
        HostKeyRefusal refused = new HostKeyRefusal(hostId, SshException.Kind.HOST_KEY_CHANGED, name,
                "host certificate (" + why + ")", null, expected(List.of(), null, known.authoritiesFor(name)),
                known.file());
        refuse(refused, CHANGED);
        return refused;
    }

    private int refuse(HostKeyRefusal refused, int result) {
        refusal = refused;
        events.refused(refused);
        return result;
    }

    /** Appends one line by writing a new file beside it and renaming it over the old one. */
    static void append(Path file, String line) throws IOException {
        synchronized (SAVE_LOCK) {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            StringBuilder text = new StringBuilder(new String(old, StandardCharsets.UTF_8));
            if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
            text.append(line).append('\n');
            Path tmp = Files.createTempFile(dir, ".known_hosts", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // Never called with StrictHostKeyChecking=yes; saving goes through the prompt above.
    }

    @Override
    public void remove(String host, String type) {
    }

    @Override
    public void remove(String host, String type, byte[] key) {
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return known.file().toString();
    }

    /**
     * What JSch's host-certificate verifier consults: the CA keys trusted for this host and the keys revoked for it.
     * Already filtered for this one host by our own matcher, so they are listed under {@code *}.
     */
    @Override
    public HostKey[] getHostKey() {
        String name = address.knownHostsName();
        List<HostKey> out = new ArrayList<>();
        for (KnownHostsFile.Entry e : known.entries()) {
            if (e.marker() == KnownHostsFile.Marker.NONE || !e.matches(name)) {
                continue;
            }
            String marker = e.marker() == KnownHostsFile.Marker.REVOKED ? "@revoked" : "@cert-authority";
            toHostKey(marker, "*", e.key()).ifPresent(out::add);
        }
        return out.toArray(HostKey[]::new);
    }

    /** The plain keys known for this host: JSch proposes their types first (prefer_known_host_key_types). */
    @Override
    public HostKey[] getHostKey(String host, String type) {
        String name = address.knownHostsName();
        List<HostKey> out = new ArrayList<>();
        for (KnownHostsFile.Entry e : known.keysFor(name)) {
            if (type == null || type.equals(e.keyType())) {
                toHostKey("", name, e.key()).ifPresent(out::add);
            }
        }
        return out.toArray(HostKey[]::new);
    }

    private static java.util.Optional<HostKey> toHostKey(String marker, String host, byte[] key) {
        try {
            return java.util.Optional.of(new HostKey(marker, host, HostKey.GUESS, key, null));
        } catch (JSchException | RuntimeException unsupported) {
            return java.util.Optional.empty();
        }
    }
}
