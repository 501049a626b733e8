package io.watchfloor.ssh;

/** Told about every host key the transport refused or newly trusted, so the audit log can record it. */
public interface HostKeyEvents {
    HostKeyEvents NONE = new HostKeyEvents() {
    };

    default void refused(HostKeyRefusal refusal) {
    }

    default void trusted(HostKeyRefusal unknown, HostKeyPrompt.Answer answer) {
    }
}
