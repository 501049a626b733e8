package io.watchfloor.access.jit;

import io.watchfloor.access.Operator;
import io.watchfloor.access.audit.AuditEntry;
import io.watchfloor.access.audit.AuditEvent;
import io.watchfloor.access.audit.AuditLog;
import io.watchfloor.access.audit.RecordingSealer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Just-in-time access's audit trail in the hash-chained log, with terminal recordings sealed to the recording key
 * and stored beside it. The recording is stored before the session-end record that names its hash, so a verified
 * chain never points at a recording that is not there.
 */
public final class LoggedAccessAudit implements AccessAudit {
    private final AuditLog log;
    private final RecordingSealer sealer;
    private final Clock clock;

    /** @param sealer null when no recording key is configured: then shells cannot be recorded and are refused */
    public LoggedAccessAudit(AuditLog log, RecordingSealer sealer, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.sealer = sealer;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(Operator operator, AuditEvent event, String hostId, String requestId, String reason,
                       Map<String, String> details) {
        log.append(new AuditEntry(event, operator.user(), operator.machine(), hostId, requestId, reason, details));
    }

    @Override
    public boolean canRecord() {
        return sealer != null;
    }

    @Override
    public Recording startRecording(String requestId) {
        if (sealer == null) {
            throw new IllegalStateException("no recordingKey configured: an in-app shell is never left unrecorded");
        }
        RecordingSealer.Recorder recorder = sealer.recorder(clock);
        return new Recording() {
            @Override
            public OutputStream output() {
                return recorder;
            }

            @Override
            public String finish() {
                try {
                    recorder.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return log.storeRecording(requestId, recorder.sealed());
            }
        };
    }
}
