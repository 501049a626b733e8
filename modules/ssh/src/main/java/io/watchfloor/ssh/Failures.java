package io.watchfloor.ssh;

import com.jcraft.jsch.JSchRevokedHostKeyException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Turns what JSch and the socket layer throw into operator text: which host, which hop, what happened, in words.
 * Never quotes key material (JSch's messages do not carry any, and we add only names, addresses and fingerprints).
 */
final class Failures {
    private Failures() {
    }

    /**
     * @param hostId the configured host the caller asked for
     * @param hop    the hop that failed (the target or the bastion)
     * @param via    the bastion in front of {@code hop}, or null
     * @param isBastion whether {@code hop} is the bastion of {@code hostId}'s route
     */
    static SshException connect(String hostId, SshHop hop, SshHop via, boolean isBastion, Throwable failure,
                                HostKeyCheck check, Duration connectTimeout, HostKeyEvents events) {
        String where = hop.address().host() + ":" + hop.address().port();
        String suffix = isBastion ? " (bastion)" : via != null ? " through bastion " + via.address().host() + ":"
                + via.address().port() : "";
        HostKeyRefusal refusal = check == null ? null : check.refusal();
        if (refusal != null) {
            return new SshException(refusal.kind(), hostKeyText(hostId, refusal, isBastion), null, refusal);
        }
        if (find(failure, JSchRevokedHostKeyException.class) != null) {
            // Raised by JSch's host-certificate verifier: the certificate's key or its CA is @revoked.
            HostKeyRefusal revoked = new HostKeyRefusal(hostId, SshException.Kind.HOST_KEY_REVOKED,
                    hop.address().knownHostsName(), null, null, null, hop.knownHosts());
            events.refused(revoked);
            return new SshException(SshException.Kind.HOST_KEY_REVOKED, hostId + ": the host certificate of "
                    + where + suffix + " uses a key or CA marked @revoked in " + hop.knownHosts() + "; refused",
                    null, revoked);
        }
        String said = String.valueOf(failure.getMessage());
        if (check != null && check.certificateRequired() && (said.startsWith("rejected HostKey")
                || said.startsWith("Rejected certificate") || said.startsWith("Cannot verify host certificate"))) {
            // JSch's own host-certificate check failed and (fallback off) it never asked our check.
            HostKeyRefusal bad = check.certificateRejected(said);
            return new SshException(bad.kind(), hostKeyText(hostId, bad, isBastion), null, bad);
        }
        Auth.KeyFileUnusable keyFile = find(failure, Auth.KeyFileUnusable.class);
        if (keyFile != null) {
            return new SshException(SshException.Kind.AUTH_REFUSED, hostId + ": cannot use key file " + keyFile.file
                    + " for " + hop.address().label() + suffix + " (missing, unreadable or not a private key)", null);
        }
        Jump.JumpFailed jump = find(failure, Jump.JumpFailed.class);
        if (jump != null) {
            if (!jump.bastionAlive) {
                return new SshException(SshException.Kind.UNREACHABLE, hostId + ": the session to bastion "
                        + via.address().host() + ":" + via.address().port() + " dropped", null);
            }
            if (jump.reason == -1) {
                return new SshException(SshException.Kind.TIMEOUT, hostId + ": bastion " + via.address().host()
                        + " did not open a connection to " + where + " within " + seconds(connectTimeout), null);
            }
            return new SshException(SshException.Kind.UNREACHABLE, hostId + ": " + where + " unreachable" + suffix
                    + " (the bastion could not connect: refused, no route or unknown name)", null);
        }
        if (find(failure, ConnectException.class) != null) {
            return new SshException(SshException.Kind.UNREACHABLE, hostId + ": connection refused by " + where
                    + suffix, null);
        }
        if (find(failure, NoRouteToHostException.class) != null) {
            return new SshException(SshException.Kind.UNREACHABLE, hostId + ": no route to " + where + suffix,
                    null);
        }
        UnknownHostException unknown = find(failure, UnknownHostException.class);
        if (unknown != null) {
            return new SshException(SshException.Kind.UNREACHABLE, hostId + ": unknown host name "
                    + hop.address().host() + suffix, null);
        }
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return new SshException(SshException.Kind.AUTH_REFUSED, hostId + ": " + hop.address().label() + suffix
                    + " refused " + Auth.describe(hop.auth()), null);
        }
        if (find(failure, SocketTimeoutException.class) != null || message.contains("timeout")
                || message.contains("timed out")) {
            return new SshException(SshException.Kind.TIMEOUT, hostId + ": no SSH answer from " + where + suffix
                    + " within " + seconds(connectTimeout), null);
        }
        if (message.contains("session is down") || message.contains("closed by foreign host")) {
            return new SshException(SshException.Kind.UNREACHABLE, hostId + ": " + where + suffix
                    + " closed the connection", null);
        }
        return new SshException(SshException.Kind.UNREACHABLE, hostId + ": could not connect to " + where + suffix
                + ": " + message, null);
    }

    static String hostKeyText(String hostId, HostKeyRefusal r, boolean isBastion) {
        String who = isBastion ? "bastion " + r.knownHostsName() : r.knownHostsName();
        return switch (r.kind()) {
            case HOST_KEY_CHANGED -> hostId + ": HOST KEY CHANGED for " + who + ": it offers " + r.keyType()
                    + (r.fingerprint() == null ? "" : " " + r.fingerprint()) + " but " + r.knownHosts() + " has " + r.expected()
                    + "; refused (possible man-in-the-middle; fix known_hosts only if the host was reinstalled)";
            case HOST_KEY_REVOKED -> hostId + ": host key " + r.keyType() + " " + r.fingerprint() + " of " + who
                    + " is marked @revoked in " + r.knownHosts() + "; refused";
            default -> hostId + ": unknown host key for " + who + " (" + r.keyType() + " " + r.fingerprint()
                    + "), not in " + r.knownHosts() + "; refused";
        };
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable at = t; at != null; at = at.getCause()) {
            if (type.isInstance(at)) {
                return type.cast(at);
            }
            if (at.getCause() == at) {
                break;
            }
        }
        return null;
    }
}
