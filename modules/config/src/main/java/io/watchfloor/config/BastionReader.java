package io.watchfloor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code bastions:}, the jump hosts that GPU hosts are polled and reached through. */
final class BastionReader {
    static final List<String> KEYS = List.of("id", "host", "port", "user", "identity", "knownHosts", "interval",
            "timeout", "concurrency");
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    static final int MAX_CONCURRENCY = 256;

    private static final String LIST_EXPECTED = "expected a list of bastions, each with at least id, host and user";
    private static final String ENTRY_EXPECTED = "expected a mapping such as {id: bastion, host: 10.0.0.2, user: ops}";

    private final NodeReader reader;
    private final SshFields fields;
    /** Bastion id to where it was written: valid ids, also of entries with other problems. */
    private final Map<String, Position> ids = new LinkedHashMap<>();
    private final Map<String, Position> addresses = new LinkedHashMap<>();

    BastionReader(NodeReader reader) {
        this.reader = reader;
        this.fields = new SshFields(reader);
    }

    /** Every valid bastion id and where it was written, so hosts can name them even when an entry had problems. */
    Map<String, Position> ids() {
        return ids;
    }

    List<BastionConfig> readAll(Node node) {
        if (NodeReader.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, "bastions", NodeReader.kind(node, false) + "; " + LIST_EXPECTED
                    + " (start each bastion with \"- \")");
            return List.of();
        }
        List<BastionConfig> bastions = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            BastionConfig b = read(list.getValue().get(i), "bastions[" + i + "]");
            if (b != null) {
                bastions.add(b);
            }
        }
        return bastions;
    }

    private BastionConfig read(Node node, String path) {
        Section s = Section.of(reader, node, path, ENTRY_EXPECTED);
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, KEYS);
        String id = fields.id(s, "bastion", "bastion", ids);
        String host = fields.host(s, "10.0.0.2");
        Integer port = fields.port(s);
        String user = fields.user(s);
        Path identity = fields.identity(s);
        Path knownHosts = fields.knownHosts(s);
        Duration interval = s.has("interval")
                ? reader.duration(s.get("interval"), s.child("interval"), MIN_INTERVAL) : BastionConfig.DEFAULT_INTERVAL;
        Duration timeout = s.has("timeout")
                ? reader.duration(s.get("timeout"), s.child("timeout"), MIN_TIMEOUT) : BastionConfig.DEFAULT_TIMEOUT;
        if (interval != null && timeout != null && timeout.compareTo(interval) >= 0) {
            // a poll that may outlast the cycle would start the next cycle while hosts of this one still run
            Node at = s.has("timeout") ? s.get("timeout") : s.get("interval");
            reader.report(at, s.has("timeout") ? s.child("timeout") : s.child("interval"), "timeout "
                    + Durations.format(timeout) + " is not shorter than interval " + Durations.format(interval)
                    + "; expected a timeout below the interval, so that one poll ends before the next begins");
        }
        Integer concurrency = s.has("concurrency") ? reader.wholeNumber(s.get("concurrency"), s.child("concurrency"),
                1, MAX_CONCURRENCY, "expected the number of hosts polled at once, from 1 to " + MAX_CONCURRENCY
                        + " (default " + BastionConfig.DEFAULT_CONCURRENCY + ")")
                : Integer.valueOf(BastionConfig.DEFAULT_CONCURRENCY);
        if (host != null && port != null) {
            Position first = addresses.putIfAbsent(host + ":" + port, reader.problems().position(node));
            if (first != null) {
                reader.report(s.get("host"), s.child("host"), "bastion " + host + " port " + port
                        + " is already listed at line " + first.line() + "; expected each bastion once");
            }
        }
        if (id == null || host == null || port == null || user == null || interval == null || timeout == null
                || concurrency == null || (s.has("identity") && identity == null) || knownHosts == null) {
            return null; // reported; the rest was still checked so that one run shows every problem
        }
        return new BastionConfig(id, host, port, user, identity, knownHosts, interval, timeout, concurrency,
                reader.problems().position(node));
    }
}
