package io.watchfloor.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache's directory and who holds it. H2's file lock keeps other processes out; this adds what H2 cannot
 * say: a second store in this JVM is refused before H2 is asked, and {@value #OWNER_FILE} names the pid of
 * the holder, so "in use" can tell the operator which Watchfloor to close.
 */
final class DataDirectory {
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    static final String DB_NAME = "watchfloor";
    static final String DB_FILE = DB_NAME + ".mv.db";
    static final String OWNER_FILE = "watchfloor.owner";

    /** Directories held by open stores in this JVM (real paths). */
    private static final Set<Path> OPEN_DIRS = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path dbFile;

    private DataDirectory(Path dir) {
        this.dir = dir;
        this.dbFile = dir.resolve(DB_FILE);
    }

    /**
     * Creates the directory if needed and claims it for this JVM; {@link #release()} gives it back.
     *
     * @throws CacheOpenException    the directory cannot be created or its path cannot be given to H2
     * @throws CacheLockedException  another store in this process holds it
     */
    static DataDirectory claim(Path dataDir) {
        Path dir;
        try {
            Files.createDirectories(dataDir);
            dir = dataDir.toRealPath();
        } catch (IOException e) {
            throw new CacheOpenException(CacheOpenException.Reason.IO, dataDir,
                    "cannot create the cache directory " + dataDir + ": " + e, e);
        }
        if (dir.toString().indexOf(';') >= 0) {
            // ';' separates settings in an H2 URL
            throw new CacheOpenException(CacheOpenException.Reason.IO, dir,
                    "the cache directory " + dir + " contains ';', which H2 cannot take in a file name", null);
        }
        if (!OPEN_DIRS.add(dir)) {
            long pid = ProcessHandle.current().pid();
            throw new CacheLockedException(dir, pid, "data directory " + dir
                    + " is already open in this Watchfloor process (pid " + pid + ")", null);
        }
        return new DataDirectory(dir);
    }

    Path path() {
        return dir;
    }

    Path dbFile() {
        return dbFile;
    }

    /** The H2 database name (the file without {@code .mv.db}), for the JDBC URL. */
    Path dbName() {
        return dir.resolve(DB_NAME);
    }

    /** Records this process as the holder. Best effort: without it "in use" just cannot name the pid. */
    void writeOwner() {
        Path owner = dir.resolve(OWNER_FILE);
        try {
            Files.writeString(owner, "pid=" + ProcessHandle.current().pid() + "\nopened=" + Instant.now() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("Cannot write {}: {}", owner, e.toString());
        }
    }

    /** Deletes the owner file and lets this JVM open the directory again. */
    void release() {
        Path owner = dir.resolve(OWNER_FILE);
        try {
            Files.deleteIfExists(owner);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", owner, e.toString());
        }
        OPEN_DIRS.remove(dir);
    }

    /** Lets this JVM open the directory again after a failed open; the owner file (if any) is someone else's. */
    void releaseClaimOnly() {
        OPEN_DIRS.remove(dir);
    }

    /** The exception for H2's "database already open": names the holder's pid when it is a live process. */
    CacheLockedException lockedBy(Throwable cause) {
        Long pid = null;
        try {
            for (String line : Files.readAllLines(dir.resolve(OWNER_FILE), StandardCharsets.UTF_8)) {
                if (line.startsWith("pid=")) {
                    long p = Long.parseLong(line.substring(4).trim());
                    if (ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)) {
                        pid = p;
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no owner file or unreadable: say what we know
        }
        String msg = pid != null
                ? "data directory " + dir + " is in use by another Watchfloor (pid " + pid + ");"
                + " close that one first, or give this one another data directory"
                : "data directory " + dir + " is in use by another process (the cache file " + dbFile
                + " is locked); close the other Watchfloor first, or give this one another data directory";
        return new CacheLockedException(dir, pid, msg, cause);
    }
}
