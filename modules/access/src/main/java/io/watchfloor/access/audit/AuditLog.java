package io.watchfloor.access.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tamper-evident audit log: an append-only, hash-chained list of access events in its own H2 file
 * ({@code audit.mv.db} in the data directory, apart from the telemetry cache), plus the encrypted terminal
 * recordings of JIT sessions.
 *
 * <p>The database is opened for each operation and closed again (see docs/decisions/0012-audit-log.md): H2 lets only
 * one process have a file open, so holding it would lock {@code watchfloor shell} and {@code watchfloor audit verify}
 * out while a console runs. Another process that has it open for its few milliseconds makes us retry for up to
 * {@link #LOCK_WAIT}. Within this JVM, appends to the same file are serialised by one lock per file.
 */
public final class AuditLog implements AutoCloseable {

    /** prevHash of the first record. */
    public static final String GENESIS = "0".repeat(64);
    /** How long an operation waits for another process that has the file open. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(15);

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path dataDirectory;
    private final String url;
    private final Clock clock;
    private final ReentrantLock lock;
    private volatile boolean closed;

    private AuditLog(Path dataDirectory, Clock clock) {
        this.dataDirectory = dataDirectory;
        this.url = "jdbc:h2:file:" + dataDirectory.resolve("audit") + ";FILE_LOCK=FS;MAX_COMPACT_TIME=0";
        this.clock = clock;
        this.lock = LOCKS.computeIfAbsent(dataDirectory, d -> new ReentrantLock());
    }

    /** Opens (creating if needed) the audit log in {@code dataDirectory}. */
    public static AuditLog open(Path dataDirectory, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Path dir = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AuditException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        AuditLog log = new AuditLog(dir, clock);
        log.withConnection(AuditSchema::ensure);
        return log;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Appends one entry: reads the head of the chain and inserts the new record in one transaction, under this JVM's
     * lock for the file and H2's file lock against other processes.
     */
    public AuditRecord append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                long seq = 1;
                String prev = GENESIS;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1")) {
                    if (rs.next()) {
                        seq = rs.getLong(1) + 1;
                        prev = rs.getString(2);
                    }
                }
                // millisecond precision: the hash covers epoch millis, so the stored instant must be exactly that
                Instant at = Instant.ofEpochMilli(clock.millis());
                String hash = AuditHash.of(seq, at, entry, prev);
                AuditSchema.insert(c, new AuditRecord(seq, at, entry, prev, hash));
                c.commit();
                return new AuditRecord(seq, at, entry, prev, hash);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
    }

    /** All records, in seq order. */
    public List<AuditRecord> records() {
        return withConnection(AuditSchema::readAll);
    }

    /** Recomputes the chain and checks each sealed recording against the sha256 its SESSION_END recorded. */
    public VerifyResult verify() {
        return withConnection(c -> ChainVerifier.verify(AuditSchema.readRows(c), id -> AuditSchema.recording(c, id)));
    }

    /** Writes one JSON object per record (with seq, at, event, ..., details, prevHash, hash), one per line. */
    public void exportJsonl(OutputStream out) {
        List<AuditRecord> all = records();
        try {
            AuditJson.writeJsonl(all, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores a sealed recording (see {@link RecordingSealer}) for a JIT request and returns its sha256 hex, which
     * the caller puts into the SESSION_END record ({@link AuditEntry#RECORDING_SHA256}) so the chain covers it.
     * A request has at most one recording; storing a second one fails.
     */
    public String storeRecording(String requestId, byte[] encrypted) {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(encrypted, "encrypted");
        String sha = AuditHash.sha256Hex(encrypted);
        withConnection(c -> {
            AuditSchema.insertRecording(c, requestId, sha, encrypted, clock.millis());
            return null;
        });
        return sha;
    }

    /** The sealed recording of {@code requestId}, or null when there is none. */
    public byte[] recording(String requestId) {
        return withConnection(c -> AuditSchema.recording(c, requestId));
    }

    /** Nothing is held between operations; after close the log refuses further use. */
    @Override
    public void close() {
        closed = true;
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        if (closed) {
            throw new IllegalStateException("audit log is closed");
        }
        lock.lock();
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new AuditException("audit log " + dataDirectory.resolve("audit.mv.db") + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Connects, retrying while another process has the file open (it holds it only for one operation). */
    private Connection connect() throws SQLException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        long pauseMillis = 5;
        while (true) {
            try {
                return DriverManager.getConnection(url, "", "");
            } catch (SQLException e) {
                if (!inUseByAnotherProcess(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                // back-off while the other process finishes its one operation; not test synchronisation
                Thread.sleep(pauseMillis);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the audit log", ie);
            }
            pauseMillis = Math.min(pauseMillis * 2, 100);
        }
    }

    private static boolean inUseByAnotherProcess(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
        }
        return false;
    }
}
