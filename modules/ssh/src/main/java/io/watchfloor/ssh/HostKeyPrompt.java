package io.watchfloor.ssh;

/**
 * Asked when a host's key is not in known_hosts. On a wall display nobody may be asked: {@link #REFUSE}.
 * Never asked for a changed or revoked key: those are refused, always.
 */
@FunctionalInterface
public interface HostKeyPrompt {
    HostKeyPrompt REFUSE = unknown -> Answer.REFUSE;

    enum Answer {
        REFUSE,
        /** Trust it for this connection only. */
        ONCE,
        /** Trust it and append it to the known_hosts file. */
        SAVE
    }

    /** Called on the connecting thread; a UI implementation blocks until the user answers. */
    Answer unknownHost(HostKeyRefusal unknown);
}
