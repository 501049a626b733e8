package io.watchfloor.ssh;

/**
 * Why a host could not be reached or a command not run. The message is operator text, safe to show and log
 * (never a key, passphrase or token): "gpu-01: connection refused by 10.0.0.11:22 (through bastion)".
 */
public final class SshException extends Exception {
    public enum Kind {
        /** TCP connect failed, DNS failed, the bastion would not forward, or the session dropped. */
        UNREACHABLE,
        /** The server refused every key or certificate offered (an expired certificate ends here). */
        AUTH_REFUSED,
        /** No known_hosts entry for this host; the fingerprint was not trusted. */
        HOST_KEY_UNKNOWN,
        /** known_hosts has a different key for this host: refused always. */
        HOST_KEY_CHANGED,
        /** The key is marked @revoked in known_hosts. */
        HOST_KEY_REVOKED,
        /** Connect or the command did not finish within its time; the channel was closed. */
        TIMEOUT,
        /** The transport was closed (console stopping). */
        CLOSED
    }

    private final Kind kind;
    private final HostKeyRefusal refusal;

    public SshException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    public SshException(Kind kind, String message, Throwable cause, HostKeyRefusal refusal) {
        super(message, cause);
        this.kind = kind;
        this.refusal = refusal;
    }

    public Kind kind() {
        return kind;
    }

    /** For the HOST_KEY_* kinds: the host and the key that was refused; else null. */
    public HostKeyRefusal refusal() {
        return refusal;
    }
}
