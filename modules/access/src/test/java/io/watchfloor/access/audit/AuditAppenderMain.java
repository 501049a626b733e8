package io.watchfloor.access.audit;

import java.nio.file.Path;
import java.time.Clock;

/** A second process for {@link AuditLogCrossProcessTest}: appends N records to the log in a directory. */
public final class AuditAppenderMain {
    private AuditAppenderMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        try (AuditLog log = AuditLog.open(dir, Clock.systemUTC())) {
            for (int i = 0; i < count; i++) {
                log.append(new AuditEntry(AuditEvent.COMMAND_RUN, "child", "other-process", "gpu-01", "c" + i, null));
            }
        }
    }
}
