package io.watchfloor.sources.alertmanager;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An Alertmanager (API v2) as a source: each poll is one GET /api/v2/alerts and returns every alert it holds,
 * active, silenced, inhibited and unprocessed, as {@link PollResult#ofAlerts the complete current set}. It produces
 * no readings; its state (up, down, auth failed) shows like any source's. Which alerts become incidents is the
 * incident desk's business, not this source's.
 */
public final class AlertmanagerSource implements Source {
    public static final String TYPE = "alertmanager";

    private final String id;
    private final Duration interval;
    private final AlertmanagerClient client;
    private final Clock clock;

    AlertmanagerSource(String id, Duration interval, AlertmanagerClient client, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    /**
     * @throws SourceException UNREACHABLE or TIMEOUT when Alertmanager does not answer, AUTH on 401/403, QUERY or
     *                         HTTP for its error answers (quoting its message), MALFORMED when the answer is not a
     *                         list of alerts. A broken entry inside a good list is a warning, not a failure.
     */
    @Override
    public PollResult poll() throws SourceException {
        String body = client.fetchAlerts();
        try {
            AlertListParser.Parsed parsed = AlertListParser.parse(body, clock.instant());
            return PollResult.ofAlerts(parsed.alerts(), parsed.warnings(), 1);
        } catch (AlertListParser.Malformed e) {
            throw client.error(Kind.MALFORMED, "malformed answer from Alertmanager at " + client.target() + ": "
                    + e.getMessage(), e);
        }
    }

    AlertmanagerClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
