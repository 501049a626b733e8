package io.watchfloor.incidents;

import io.watchfloor.cache.SharedDatabase;
import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.incidents.runbook.Runbooks;
import io.watchfloor.incidents.store.Columns;
import io.watchfloor.incidents.store.IncidentStore;
import io.watchfloor.model.incident.AlertBatch;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident desk over the cache's database. One thread, "watchfloor-incidents", runs every command, every
 * ingest and the deadline timer, in the order they came; each change is one transaction made durable
 * ({@link SharedDatabase#durable}) before its future completes, and only then does the new board go out.
 * The thread owns the in-memory incidents (open ones and those ended in the last 7 days); other threads only
 * read {@link #board()} or the store ({@link #find}, {@link #attachment}).
 *
 * <p>Notification sinks are called inside the transaction ({@link IncidentEventSink#record}); a sink that throws
 * rolls the whole change back and the command fails with STORE_FAILED.
 */
public final class IncidentService implements Incidents {
    static final String THREAD_NAME = "watchfloor-incidents";
    static final String MACHINE_ACTOR = "watchfloor";
    private static final Logger LOG = LoggerFactory.getLogger(IncidentService.class);

    /** A command on a working copy. */
    @FunctionalInterface
    private interface Edit {
        void apply(IncidentEdit e, Instant now, String actor);
    }

    private final IncidentStore store;
    private final IncidentsConfig config;
    private final Runbooks runbooks;
    private final Clock clock;
    private final ChangeWriter writer;
    private final AlertIntake intake;
    private final IncidentCommands commands;
    private final ScheduledThreadPoolExecutor thread;
    private volatile Thread incidentsThread;
    private final List<Consumer<IncidentBoard>> listeners = new CopyOnWriteArrayList<>();
    private volatile IncidentBoard board = IncidentBoard.EMPTY;
    private volatile boolean closed;
    private ScheduledFuture<?> timer; // guarded by this

    // owned by the incidents thread (and by open(), before anyone else can see the service)
    private final Map<Long, Incident> recent = new HashMap<>();
    private List<DeliveryStatus> deliveries = List.of();
    private String storeProblem;

    private IncidentService(IncidentStore store, IncidentsConfig config, Runbooks runbooks, Clock clock,
                            List<IncidentEventSink> sinks) {
        this.store = store;
        this.config = config;
        this.runbooks = runbooks;
        this.clock = clock;
        this.writer = new ChangeWriter(store, sinks);
        this.intake = new AlertIntake(config, runbooks, clock.getZone());
        this.commands = new IncidentCommands(config, runbooks, clock.getZone());
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LOG.error("uncaught in {}", th.getName(), e));
            incidentsThread = t;
            return t;
        });
    }

    /**
     * Brings the incident tables up to date and loads the board. Commands work at once; {@link #start()} adds
     * the deadline timer.
     *
     * @throws io.watchfloor.cache.CacheOpenException when the tables cannot be migrated
     * @throws IncidentException                      STORE_FAILED when the incidents cannot be read
     */
    public static IncidentService open(SharedDatabase db, IncidentsConfig config, Runbooks runbooks, Clock clock,
                                       List<IncidentEventSink> sinks) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(runbooks, "runbooks");
        Objects.requireNonNull(clock, "clock");
        IncidentService s = new IncidentService(IncidentStore.open(db), config, runbooks, clock, sinks);
        try {
            s.reload(s.now());
        } catch (SQLException | RuntimeException e) {
            s.thread.shutdownNow();
            throw new IncidentException(IncidentException.Kind.STORE_FAILED, "cannot read the incidents in "
                    + db.file() + ": " + reason(e), e);
        }
        return s;
    }

    /** Starts the response timer: every second, open incidents past their deadline unacknowledged are recorded. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the incident desk is closed");
        }
        if (timer == null) {
            timer = thread.scheduleWithFixedDelay(this::timerTick, 0, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public IncidentBoard board() {
        return board;
    }

    /** Also calls {@code listener} once with the current board, on the incidents thread, right after. */
    @Override
    public AutoCloseable subscribe(Consumer<IncidentBoard> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        submit(() -> {
            tell(listener, board);
            return null;
        });
        return () -> listeners.remove(listener);
    }

    @Override
    public CompletableFuture<Void> ingest(AlertBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return submit(() -> {
            Instant now = now();
            List<Change> changes = intake.plan(batch, recent.values(), now);
            if (!changes.isEmpty()) { // a poll that changes nothing writes nothing
                persist(AlertIntake.actorOf(batch.sourceId()), now, c -> changes);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Incident> open(NewIncident request, String actor) {
        Objects.requireNonNull(request, "request");
        return submit(() -> {
            String who = actor(actor);
            Instant now = now();
            Incident draft = commands.open(request, now, who).build();
            return persist(who, now, c -> List.of(new Change(null, draft))).get(0);
        });
    }

    @Override
    public CompletableFuture<Incident> acknowledge(String id, String actor) {
        return command(id, actor, commands::acknowledge);
    }

    @Override
    public CompletableFuture<Incident> moveTo(String id, IncidentStatus to, String actor, String overrideReason) {
        Objects.requireNonNull(to, "to");
        return command(id, actor, (e, now, who) -> commands.moveTo(e, to, now, who, overrideReason));
    }

    @Override
    public CompletableFuture<Incident> setSeverity(String id, Severity severity, String actor) {
        Objects.requireNonNull(severity, "severity");
        return command(id, actor, (e, now, who) -> commands.setSeverity(e, severity, now, who));
    }

    @Override
    public CompletableFuture<Incident> setLead(String id, String lead, String actor) {
        return command(id, actor, (e, now, who) -> commands.setLead(e, lead, now, who));
    }

    @Override
    public CompletableFuture<Incident> setStep(String id, String stepKey, boolean done, String actor) {
        return command(id, actor, (e, now, who) -> commands.setStep(e, stepKey, done, now, who));
    }

    @Override
    public CompletableFuture<Incident> addNote(String id, String text, String actor) {
        return command(id, actor, (e, now, who) -> commands.addNote(e, text, now, who));
    }

    @Override
    public CompletableFuture<Incident> attachSnapshot(String id, String caption, byte[] png, String actor) {
        byte[] bytes = png == null ? null : png.clone(); // the caller may reuse its buffer
        return submit(() -> {
            String who = actor(actor);
            Instant now = now();
            Incident before = current(id);
            commands.checkSnapshot(IncidentEdit.of(before), bytes, caption);
            return persist(who, now, c -> {
                long attachment = store.insertAttachment(c, before.number(), "image/png", bytes);
                IncidentEdit e = IncidentEdit.of(before);
                commands.snapshot(e, caption, attachment, now, who);
                return List.of(new Change(before, e.build()));
            }).get(0);
        });
    }

    @Override
    public CompletableFuture<Incident> updatePostmortem(String id, Postmortem postmortem, String actor) {
        Objects.requireNonNull(postmortem, "postmortem");
        return command(id, actor, (e, now, who) -> commands.updatePostmortem(e, postmortem, now, who));
    }

    @Override
    public CompletableFuture<Incident> link(String id, List<String> hosts, List<String> endpoints, String actor) {
        List<String> h = hosts == null ? List.of() : new ArrayList<>(hosts);
        List<String> p = endpoints == null ? List.of() : new ArrayList<>(endpoints);
        return command(id, actor, (e, now, who) -> commands.link(e, h, p, now, who));
    }

    @Override
    public Optional<Incident> find(String id) {
        long n = IncidentIds.parse(id);
        if (n < 0) {
            return Optional.empty();
        }
        try {
            return store.find(n);
        } catch (SQLException | RuntimeException e) {
            throw new IncidentException(IncidentException.Kind.STORE_FAILED, "cannot read " + Incident.idOf(n)
                    + ": " + reason(e), e);
        }
    }

    @Override
    public Optional<byte[]> attachment(long attachmentId) {
        try {
            return store.attachment(attachmentId);
        } catch (SQLException | RuntimeException e) {
            throw new IncidentException(IncidentException.Kind.STORE_FAILED, "cannot read attachment "
                    + attachmentId + ": " + reason(e), e);
        }
    }

    @Override
    public void deliveriesChanged(List<DeliveryStatus> deliveries) {
        List<DeliveryStatus> copy = List.copyOf(deliveries);
        submit(() -> {
            this.deliveries = copy;
            publish(now());
            return null;
        });
    }

    /**
     * Runs the response-deadline check now (the timer of {@link #start()} runs it every second): records
     * RESPONSE_BREACH once for each open incident past its deadline unacknowledged, and lets incidents that
     * ended more than 7 days ago leave the board.
     */
    public CompletableFuture<Void> checkDeadlines() {
        return submit(() -> {
            checkDeadlinesNow();
            return null;
        });
    }

    /** Finishes the commands already queued, then stops the thread. Does not close the database. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (timer != null) {
                timer.cancel(false);
            }
        }
        thread.shutdown();
        if (Thread.currentThread() != incidentsThread) {
            try {
                if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("Incident commands still running after 30 s; closing without them");
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listeners.clear();
    }

    /** Durable transactions written so far: tests check that a poll without news writes nothing. */
    long durableWrites() {
        return writer.durableWrites();
    }

    private CompletableFuture<Incident> command(String id, String actor, Edit edit) {
        return submit(() -> {
            String who = actor(actor);
            Instant now = now();
            Incident before = current(id);
            IncidentEdit e = IncidentEdit.of(before);
            edit.apply(e, now, who);
            Incident after = e.build();
            if (after.equals(before)) {
                return before; // nothing to do, nothing written
            }
            return persist(who, now, c -> List.of(new Change(before, after))).get(0);
        });
    }

    private <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    f.complete(task.call());
                } catch (IncidentException e) {
                    f.completeExceptionally(e);
                } catch (Exception | Error e) {
                    LOG.error("Incident command failed", e);
                    f.completeExceptionally(new IncidentException(IncidentException.Kind.STORE_FAILED,
                            "not saved: " + reason(e), e));
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IncidentException(IncidentException.Kind.STORE_FAILED,
                    "not saved: the incident desk is closed"));
        }
        return f;
    }

    /** The incident to change: from memory, else (ended long ago) from the store. */
    private Incident current(String id) {
        long n = IncidentIds.parse(id);
        if (n < 0) {
            throw IncidentIds.notFound(id);
        }
        Incident i = recent.get(n);
        if (i != null) {
            return i;
        }
        try {
            return store.find(n).orElseThrow(() -> IncidentIds.notFound(id));
        } catch (SQLException e) {
            throw new IncidentException(IncidentException.Kind.STORE_FAILED, "cannot read " + Incident.idOf(n)
                    + ": " + reason(e), e);
        }
    }

    /** Writes the changes (see {@link ChangeWriter}); then memory, the board, and the sinks' follow-up. */
    private List<Incident> persist(String actor, Instant now, ChangeWriter.Plan plan) {
        ChangeWriter.Written written;
        try {
            written = writer.write(actor, now, plan);
        } catch (IncidentException e) {
            throw e; // refused inside the transaction (nothing was written)
        } catch (SQLException | RuntimeException e) {
            IncidentException failed = new IncidentException(IncidentException.Kind.STORE_FAILED,
                    "not saved: " + reason(e), e);
            failed(failed, now);
            throw failed;
        }
        storeProblem = null;
        written.incidents().forEach(i -> remember(i, now));
        publish(now);
        writer.committed(written.events());
        return written.incidents();
    }

    /**
     * After a failed write, memory is read again from the file: a failure after the commit (the checkpoint)
     * must not leave memory behind what is stored.
     */
    private void failed(IncidentException failure, Instant now) {
        String problem = "the last change was " + failure.getMessage();
        if (!problem.equals(storeProblem)) { // once per new problem: the timer would repeat it every second
            LOG.warn("Incident change {}", failure.getMessage());
            LOG.debug("Incident change failed", failure.getCause());
        }
        storeProblem = problem;
        try {
            reload(now);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Reload after a failed write failed too: {}", e.toString());
        }
        publish(now);
    }

    private void reload(Instant now) throws SQLException {
        List<Incident> loaded = store.openOrSince(now.minus(BoardBuilder.RECENT));
        recent.clear();
        loaded.forEach(i -> recent.put(i.number(), i));
        publish(now);
    }

    private void remember(Incident i, Instant now) {
        if (BoardBuilder.onBoard(i, now)) {
            recent.put(i.number(), i);
        } else {
            recent.remove(i.number());
        }
    }

    private void checkDeadlinesNow() {
        Instant now = now();
        List<Change> breaches = new ArrayList<>();
        for (Incident i : recent.values()) {
            IncidentEdit e = IncidentEdit.of(i);
            if (commands.recordBreach(e, now)) {
                breaches.add(new Change(i, e.build()));
            }
        }
        if (!breaches.isEmpty()) {
            persist(MACHINE_ACTOR, now, c -> breaches);
        } else if (recent.values().stream().anyMatch(i -> !BoardBuilder.onBoard(i, now))) {
            publish(now);
        }
    }

    private void timerTick() {
        try {
            checkDeadlinesNow();
        } catch (IncidentException e) {
            // already on the board as the store problem; the next tick tries again
        } catch (RuntimeException e) {
            LOG.error("Response deadline check failed", e);
        }
    }

    private void publish(Instant now) {
        recent.values().removeIf(i -> !BoardBuilder.onBoard(i, now));
        IncidentBoard b = new IncidentBoard(now, BoardBuilder.order(recent.values()), storeProblem,
                runbooks.problems(), deliveries);
        board = b;
        for (Consumer<IncidentBoard> l : listeners) {
            tell(l, b);
        }
    }

    private static void tell(Consumer<IncidentBoard> listener, IncidentBoard b) {
        try {
            listener.accept(b);
        } catch (RuntimeException e) {
            LOG.warn("Incident board listener failed: {}", e.toString());
        }
    }

    /** The store keeps milliseconds; so does memory, so that what is shown is what a restart reads back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The given user name, else the configured one, else the operating-system user. */
    private String actor(String actor) {
        String a = actor != null && !actor.isBlank() ? actor.strip()
                : config.user() != null && !config.user().isBlank() ? config.user().strip()
                : System.getProperty("user.name", "unknown");
        return Columns.cut(a, Columns.USER);
    }

    /** A failure in words: H2's messages end with the SQL statement, which is no use to the user. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int sql = m.indexOf("; SQL statement:");
        return (sql > 0 ? m.substring(0, sql) : m).strip();
    }
}
