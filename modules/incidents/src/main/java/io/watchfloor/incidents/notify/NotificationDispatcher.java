package io.watchfloor.incidents.notify;

import io.watchfloor.cache.SharedDatabase;
import io.watchfloor.config.NotificationConfig;
import io.watchfloor.incidents.DeliveryStatus;
import io.watchfloor.incidents.IncidentEventSink;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's messages to Slack, Teams and PagerDuty from its own thread ("watchfloor-notify"), never
 * from the FX or the incidents thread. Each channel gets its messages in the order they were written (opened
 * before resolved), one at a time; channels do not wait for each other: a channel that hangs until its timeout
 * only delays itself.
 *
 * <p>A message the channel took (2xx) is done. One that failed for a reason that may pass (no connection,
 * timeout, 408, 429, 5xx) is retried after 5 s, 10 s, 20 s ... at most 5 min apart (less a random part), or
 * after what Retry-After asks. One the channel refused (other 4xx: a revoked webhook, an invalid event) is given
 * up at once with the channel's own words, and so is one still undelivered after {@link #EXPIRE_AFTER}. Rows are
 * in the database, so what was not sent before a restart goes out after it. Delivered and given-up rows are
 * deleted after {@link #KEEP_DONE}.
 *
 * <p>The channels' state goes to the listener given to {@link #start} whenever it changes (the app forwards it
 * to {@code Incidents.deliveriesChanged}). No text this class produces holds a webhook URL or routing key.
 */
public final class NotificationDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    /** Delivered and given-up messages are kept this long (for a look in the database), then deleted. */
    public static final Duration KEEP_DONE = Duration.ofDays(7);
    /** A message not delivered after this long is given up: a page about yesterday helps nobody. */
    public static final Duration EXPIRE_AFTER = Duration.ofHours(24);
    /** Connect, write and read timeout of each request. */
    public static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** After the database failed, try again after this. */
    static final Duration STORE_RETRY = Duration.ofSeconds(5);
    /** Look at the outbox at least this often even without a wake-up. */
    static final Duration IDLE_CHECK = Duration.ofMinutes(5);

    private static final Object WAKE = new Object();
    private static final Object STOP = new Object();
    private static final Object RETRY_NOW = new Object();

    /** An attempt's end, handed from an HTTP thread to the notify thread. */
    private record Result(ChannelState channel, OutboxRow row, Outcome outcome) {
    }

    /** Completed once a full pass that began after it was asked for has run (tests). */
    private record PassDone(CompletableFuture<Void> future) {
    }

    private final SharedDatabase db;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ExecutorService httpThreads;
    private final OkHttpClient http;
    private final Map<String, ChannelState> channels = new LinkedHashMap<>();
    private final NotificationOutbox outbox;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    /** Notified whenever the published state changes ({@link #awaitSent}). */
    private final Object sent = new Object();

    private volatile List<DeliveryStatus> statuses;
    private Thread thread;
    private boolean closing;
    private Consumer<List<DeliveryStatus>> listener = s -> { };

    // notify thread only
    private final List<Result> unapplied = new ArrayList<>();
    private Instant lastPruned;
    private String storeProblem;
    private List<DeliveryStatus> published;

    /**
     * Does no I/O; {@link #start} reads the outbox. The table comes with the incidents migrations
     * (classpath:db/migration/incidents, V2), which {@code IncidentService.open} applies.
     */
    public NotificationDispatcher(SharedDatabase db, List<NotificationConfig> channels, Clock clock) {
        this(db, channels, clock, HTTP_TIMEOUT, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** For tests: another timeout, and a fixed "random" part of the backoff. */
    NotificationDispatcher(SharedDatabase db, List<NotificationConfig> channels, Clock clock, Duration timeout,
                           DoubleSupplier random) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = random;
        for (NotificationConfig c : channels) {
            this.channels.put(c.id(), new ChannelState(c));
        }
        this.outbox = new NotificationOutbox(channels, this::wake);
        this.httpThreads = httpThreads();
        this.http = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(httpThreads))
                .connectTimeout(timeout)
                .writeTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                // a webhook that redirects has moved: a POST must not silently turn into a GET elsewhere
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.statuses = this.channels.values().stream().map(ChannelState::status).toList();
    }

    /** The sink to give the incident service; it writes this dispatcher's messages and wakes it after commit. */
    public IncidentEventSink outbox() {
        return outbox;
    }

    /**
     * Reads the outbox (messages left from the last run are sent now) and starts the notify thread. The listener
     * gets the channels' state at once and whenever it changes, on the notify thread; it must not block.
     *
     * @throws IllegalStateException when the outbox table does not exist (migrations not run) or cannot be read
     */
    public synchronized void start(Consumer<List<DeliveryStatus>> listener) {
        if (thread != null || closing) {
            throw new IllegalStateException("the notification dispatcher was started already");
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        try {
            db.read(c -> {
                OutboxTable.check(c);
                Map<String, Instant> delivered = OutboxTable.lastDelivered(c);
                Map<String, OutboxRow> heads = new HashMap<>();
                for (OutboxRow row : OutboxTable.pending(c)) {
                    heads.putIfAbsent(row.channelId(), row);
                }
                for (ChannelState ch : channels.values()) {
                    ch.lastDeliveredAt = delivered.get(ch.id());
                    OutboxRow head = heads.get(ch.id());
                    if (head != null && head.lastError() != null) {
                        ch.failing = true;
                        ch.lastError = head.lastError();
                        ch.failuresInRow = head.attempts();
                    }
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("cannot read the notification outbox (table " + OutboxTable.TABLE
                    + " from classpath:db/migration/incidents): " + e.getMessage(), e);
        }
        thread = new Thread(this::loop, "watchfloor-notify");
        thread.setDaemon(true);
        thread.start();
    }

    /** The channels' state as last published (before start: nothing pending, nothing known). */
    public List<DeliveryStatus> statuses() {
        return statuses;
    }

    /** Sends every waiting message now instead of at its backoff time (the operator fixed the network). */
    public void retryNow() {
        inbox.offer(RETRY_NOW);
    }

    /**
     * Waits until no channel has a message left to send, or {@code max} has passed: for the command line, which
     * acknowledges and exits. What is still pending then stays in the outbox for the console's next start.
     *
     * @return true when everything was sent (or given up)
     */
    public boolean awaitSent(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            // the pass after this call has counted what the caller just committed
            afterPass().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
        synchronized (sent) {
            while (statuses.stream().anyMatch(st -> st.pending() > 0)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                sent.wait(left);
            }
            return true;
        }
    }

    /** Looks at the outbox now (a message was committed). Never blocks. */
    void wake() {
        inbox.offer(WAKE);
    }

    /** Completes after a full pass of the notify thread that began after this call (tests synchronise on it). */
    CompletableFuture<Void> afterPass() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            if (thread == null || closing) {
                f.complete(null);
                return f;
            }
        }
        inbox.offer(new PassDone(f));
        return f;
    }

    /**
     * Stops the notify thread and cancels requests under way; their messages stay in the outbox and go out after
     * the next start. Call before the store closes.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            t = thread;
        }
        inbox.offer(STOP);
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.dispatcher().cancelAll();
        httpThreads.shutdown();
        http.connectionPool().evictAll();
    }

    private void loop() {
        Object carried = null;
        while (true) {
            List<CompletableFuture<Void>> passWaiters = new ArrayList<>();
            boolean retryNow = false;
            boolean stop = false;
            for (Object m = carried; m != null; m = inbox.poll()) {
                if (m == STOP) {
                    stop = true;
                } else if (m == RETRY_NOW) {
                    retryNow = true;
                } else if (m instanceof Result r) {
                    unapplied.add(r);
                } else if (m instanceof PassDone p) {
                    passWaiters.add(p.future());
                }
            }
            if (stop) {
                passWaiters.forEach(f -> f.complete(null));
                return;
            }
            Instant wakeAt;
            try {
                wakeAt = pass(retryNow);
                if (storeProblem != null) {
                    log.info("Notifications: the outbox can be used again");
                    storeProblem = null;
                }
            } catch (SQLException | RuntimeException e) {
                String problem = String.valueOf(e.getMessage());
                if (!problem.equals(storeProblem)) {
                    log.warn("Notifications: cannot use the outbox ({}); trying again in {} s", problem,
                            STORE_RETRY.toSeconds());
                }
                storeProblem = problem;
                wakeAt = clock.instant().plus(STORE_RETRY);
            }
            publish();
            passWaiters.forEach(f -> f.complete(null));
            carried = await(wakeAt);
        }
    }

    /** Waits for a message (wake-up, result, stop) or until {@code wakeAt}; returns the message or null. */
    private Object await(Instant wakeAt) {
        long ms = wakeAt == null ? IDLE_CHECK.toMillis()
                : Math.min(IDLE_CHECK.toMillis(), Math.max(0, Duration.between(clock.instant(), wakeAt).toMillis()));
        try {
            return ms == 0 ? inbox.poll() : inbox.poll(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return STOP;
        }
    }

    /** Records finished attempts, sends what is due; returns when the next message falls due, or null. */
    private Instant pass(boolean retryNow) throws SQLException {
        Instant now = clock.instant();
        while (!unapplied.isEmpty()) {
            // in order, and only removed once recorded: if the database fails, the channel stays busy (nothing
            // new is sent, nothing is sent twice) until the outcome is written
            apply(unapplied.get(0), now);
            unapplied.remove(0);
        }
        if (retryNow) {
            db.durable(c -> OutboxTable.dueNow(c, now));
        }
        if (lastPruned == null || !now.isBefore(lastPruned.plus(PRUNE_EVERY))) {
            int deleted = db.durable(c -> OutboxTable.prune(c, now.minus(KEEP_DONE), channels.keySet()));
            if (deleted > 0) {
                log.debug("Notifications: {} old outbox rows deleted", deleted);
            }
            lastPruned = now;
        }
        Map<String, List<OutboxRow>> byChannel = new HashMap<>();
        for (OutboxRow row : db.read(OutboxTable::pending)) {
            byChannel.computeIfAbsent(row.channelId(), k -> new ArrayList<>()).add(row);
        }
        Instant earliest = null;
        for (ChannelState ch : channels.values()) {
            List<OutboxRow> rows = byChannel.getOrDefault(ch.id(), new ArrayList<>());
            while (!rows.isEmpty() && rows.get(0).id() != ch.inFlightRow
                    && rows.get(0).createdAt().plus(EXPIRE_AFTER).isBefore(now)) {
                expire(ch, rows.remove(0), now);
            }
            ch.pending = rows.size();
            if (ch.inFlightRow >= 0) {
                continue;
            }
            if (rows.isEmpty()) {
                ch.nextAttemptAt = null;
                continue;
            }
            OutboxRow head = rows.get(0);
            // a message never tried goes out now, whatever the time of the event that made it says (the
            // incident service's clock is not ours)
            if (head.attempts() > 0 && head.nextAttemptAt().isAfter(now)) {
                ch.nextAttemptAt = head.nextAttemptAt();
                earliest = earliest == null || head.nextAttemptAt().isBefore(earliest) ? head.nextAttemptAt() : earliest;
            } else {
                send(ch, head, now);
            }
        }
        return earliest;
    }

    private void send(ChannelState ch, OutboxRow row, Instant now) throws SQLException {
        Request request;
        try {
            request = Delivery.request(ch.config, row);
        } catch (IOException | RuntimeException e) {
            apply(new Result(ch, row, Outcome.giveUp("the stored message cannot be read (" + e.getClass().getSimpleName()
                    + ")")), now);
            return;
        }
        Call call = http.newCall(request);
        ch.inFlight = call;
        ch.inFlightRow = row.id();
        ch.nextAttemptAt = null;
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                inbox.offer(new Result(ch, row, c.isCanceled() ? Outcome.CANCELLED
                        : Delivery.failed(e, ch.host, ch.redactor)));
            }

            @Override
            public void onResponse(Call c, Response response) {
                Outcome outcome;
                try (response) {
                    outcome = Delivery.judge(response, clock.instant(), ch.redactor);
                } catch (IOException | RuntimeException e) {
                    outcome = e instanceof IOException io ? Delivery.failed(io, ch.host, ch.redactor)
                            : Outcome.retry("the answer could not be read (" + e.getClass().getSimpleName() + ")", null);
                }
                inbox.offer(new Result(ch, row, outcome));
            }
        });
    }

    /** Writes an attempt's outcome to its row, then to the channel's state. */
    private void apply(Result r, Instant now) throws SQLException {
        ChannelState ch = r.channel();
        OutboxRow row = r.row();
        Outcome o = r.outcome();
        int attempts = row.attempts() + 1;
        String what = row.incidentId() + " " + row.eventKind();
        switch (o.kind()) {
            case DELIVERED -> {
                db.durable(c -> {
                    OutboxTable.delivered(c, row.id(), attempts, now);
                    return null;
                });
                if (ch.failuresInRow > 0) {
                    log.info("Notification channel {} ({}) delivers again: {} sent after {} failed attempts", ch.id(),
                            ch.config.kind().wireName(), what, ch.failuresInRow);
                }
                ch.lastDeliveredAt = now;
                ch.failing = false;
                ch.lastError = null;
                ch.failuresInRow = 0;
            }
            case RETRY -> {
                Duration wait = o.retryAfter() != null ? o.retryAfter() : Backoff.after(attempts, random.getAsDouble());
                Instant next = now.plus(wait);
                db.durable(c -> {
                    OutboxTable.retryAt(c, row.id(), attempts, next, o.error());
                    return null;
                });
                if (ch.failuresInRow == 0 || !o.error().equals(ch.lastError)) {
                    log.warn("Notification channel {} ({}) failed to send {}: {}; retrying in {} s", ch.id(),
                            ch.config.kind().wireName(), what, o.error(), Math.max(1, wait.toSeconds()));
                }
                ch.failing = true;
                ch.lastError = o.error();
                ch.nextAttemptAt = next;
                ch.failuresInRow++;
            }
            case GIVE_UP -> giveUp(ch, row, attempts, now, o.error());
            case CANCELLED -> {
                // closing: the row stays due and goes out after the next start
            }
        }
        if (ch.inFlightRow == row.id()) {
            ch.inFlight = null;
            ch.inFlightRow = -1;
        }
    }

    private void expire(ChannelState ch, OutboxRow row, Instant now) throws SQLException {
        String error = "not delivered within " + EXPIRE_AFTER.toHours() + " h"
                + (row.lastError() == null ? "" : " (last error: " + row.lastError() + ")");
        giveUp(ch, row, row.attempts(), now, error);
    }

    private void giveUp(ChannelState ch, OutboxRow row, int attempts, Instant now, String error) throws SQLException {
        db.durable(c -> {
            OutboxTable.givenUp(c, row.id(), attempts, now, error);
            return null;
        });
        log.warn("Notification channel {} ({}) did not take {}: {}. The message is dropped; check the channel in "
                + "the configuration", ch.id(), ch.config.kind().wireName(), row.incidentId() + " " + row.eventKind(),
                error);
        ch.givenUp++;
        ch.failing = true;
        ch.lastError = error;
        ch.failuresInRow++;
    }

    private void publish() {
        List<DeliveryStatus> now = channels.values().stream().map(ChannelState::status).toList();
        statuses = now;
        if (now.equals(published)) {
            return;
        }
        synchronized (sent) {
            sent.notifyAll();
        }
        published = now;
        try {
            listener.accept(now);
        } catch (RuntimeException e) {
            log.warn("Notifications: the delivery-state listener failed: {}", e.toString());
        }
    }

    private static ExecutorService httpThreads() {
        AtomicInteger n = new AtomicInteger();
        // OkHttp's own pool uses non-daemon threads; these must not keep a closing console alive
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "watchfloor-notify-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
