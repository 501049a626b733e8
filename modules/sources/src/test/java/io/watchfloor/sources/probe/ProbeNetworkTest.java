package io.watchfloor.sources.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.ProbeConfig.Kind;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's own network through real probes: remote names are made up and resolved by a test resolver (DNS
 * failure for "offline" hosts, 127.0.0.1 for the one that answers), so the classification runs end to end without
 * a network.
 */
class ProbeNetworkTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<ProbeSource> opened = new ArrayList<>();
    private final Set<String> resolvable = new HashSet<>();
    private MockWebServer server;

    private final Dns dns = host -> {
        if (resolvable.contains(host)) {
            return List.of(InetAddress.getByName("127.0.0.1"));
        }
        throw new UnknownHostException(host + ": Temporary failure in name resolution");
    };

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        opened.forEach(ProbeSource::close);
        server.close();
    }

    private List<ProbeSource> probes(String... urls) {
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (int i = 0; i < urls.length; i++) {
            endpoints.add(Probes.of(Kind.HTTP, urls[i]).interval(Duration.ofSeconds(30)).endpoint("e" + i));
        }
        List<ProbeSource> list = ProbeSources.build(endpoints, clock, Map.of(), dns);
        opened.addAll(list);
        return list;
    }

    private static Reading poll(ProbeSource p) throws Exception {
        return p.poll().readings().get(0);
    }

    @Test
    void whenEveryRemoteHostIsUnresolvableTheVerdictIsUnknown() throws Exception {
        List<ProbeSource> p = probes("https://api.a.example/health", "https://api.b.example/health");

        Reading first = poll(p.get(0));
        Reading second = poll(p.get(1));

        assertThat(first.value(Metric.PROBE_UP)).as("one host alone: its own fault").isEqualTo(0.0);
        assertThat(first.model()).isEqualTo("DNS: cannot resolve api.a.example");
        assertThat(second.has(Metric.PROBE_UP)).as("two hosts, nothing reached: it may be us").isFalse();
        assertThat(second.model()).isEqualTo(ProbeSource.NETWORK_DOWN + " · DNS: cannot resolve api.b.example");
        assertThat(poll(p.get(0)).has(Metric.PROBE_UP)).as("next round, the first one too").isFalse();
    }

    @Test
    void oneRemoteHostAnsweringMeansTheOthersAreReallyDown() throws Exception {
        resolvable.add("c.example");
        server.enqueue(new MockResponse.Builder().code(200).build());
        List<ProbeSource> p = probes("http://a.example/health", "http://b.example/health",
                "http://c.example:" + server.getPort() + "/health");

        assertThat(poll(p.get(2)).value(Metric.PROBE_UP)).isEqualTo(1.0);
        assertThat(poll(p.get(0)).value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(poll(p.get(1)).value(Metric.PROBE_UP)).isEqualTo(0.0);
    }

    @Test
    void anErrorAnswerAlsoProvesTheNetworkWorks() throws Exception {
        resolvable.add("c.example");
        server.enqueue(new MockResponse.Builder().code(502).build());
        List<ProbeSource> p = probes("http://a.example/health", "http://b.example/health",
                "http://c.example:" + server.getPort() + "/health");

        assertThat(poll(p.get(2)).model()).isEqualTo("HTTP 502 Bad Gateway");
        assertThat(poll(p.get(0)).value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(poll(p.get(1)).value(Metric.PROBE_UP)).isEqualTo(0.0);
    }

    @Test
    void theVerdictLapsesWhenTheFailuresGrowOld() throws Exception {
        resolvable.add("c.example");
        server.enqueue(new MockResponse.Builder().code(200).build());
        List<ProbeSource> p = probes("http://a.example/health", "http://b.example/health",
                "http://c.example:" + server.getPort() + "/health");
        poll(p.get(2));

        // window = longest interval (30 s) + longest timeout (5 s): c's success no longer vouches after that
        clock.advance(Duration.ofSeconds(36));
        poll(p.get(0));

        assertThat(poll(p.get(1)).has(Metric.PROBE_UP)).isFalse();
    }

    @Test
    void killedLocalServersAreAlwaysDown() throws Exception {
        int port1;
        int port2;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            port1 = a.getLocalPort();
            port2 = b.getLocalPort();
        }
        resolvable.add("localhost");
        List<ProbeSource> p = probes("http://localhost:" + port1 + "/v1", "http://127.0.0.1:" + port2 + "/v1",
                "http://a.example/health", "http://b.example/health");

        poll(p.get(2));
        poll(p.get(3));
        Reading local1 = poll(p.get(0));
        Reading local2 = poll(p.get(1));

        assertThat(local1.value(Metric.PROBE_UP)).as("even while remote hosts look offline").isEqualTo(0.0);
        assertThat(local1.model()).isEqualTo("connection refused");
        assertThat(local2.value(Metric.PROBE_UP)).isEqualTo(0.0);
    }

    @Test
    void aRefusedRemoteConnectionIsNotOurNetwork() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        resolvable.add("c.example");
        List<ProbeSource> p = probes("http://a.example/health", "http://b.example/health",
                "http://c.example:" + closed + "/health");

        assertThat(poll(p.get(2)).model()).isEqualTo("connection refused");
        poll(p.get(0));
        assertThat(poll(p.get(1)).value(Metric.PROBE_UP)).as("c's refusal came back over the network").isEqualTo(0.0);
    }
}
