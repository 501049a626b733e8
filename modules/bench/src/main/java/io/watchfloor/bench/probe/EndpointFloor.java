package io.watchfloor.bench.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated floor: one JDK {@link HttpServer} per "model server" on loopback, each answering
 * {@code GET /ep-NNN/v1/models} for its endpoints as its {@link FloorPlan} says, plus one port where nothing
 * listens for the refused endpoints.
 *
 * <p>Servers close a connection after {@value #IDLE_SECONDS} s idle, as uvicorn (vLLM's server) does by default, so
 * a 30 s probe opens a fresh connection each time, as it would against a real vLLM.
 *
 * <p>{@link #main} runs the floor in a process of its own (the benchmark's default), so that the console process's
 * CPU time is the console's alone: it prints {@code ports P1,P2,... closed P} and serves until its stdin closes.
 */
final class EndpointFloor implements AutoCloseable {
    static final int IDLE_SECONDS = 5;
    private static final Pattern MODELS = Pattern.compile("^/ep-(\\d+)/v1/models$");
    /** One model, in the shape vLLM's OpenAI-compatible server documents for GET /v1/models. */
    private static final byte[] MODELS_BODY = """
            {"object":"list","data":[{"id":"meta-llama/Llama-3.1-8B-Instruct","object":"model","created":1732358400,\
            "owned_by":"vllm","root":"meta-llama/Llama-3.1-8B-Instruct","parent":null,"max_model_len":131072,\
            "permission":[]}]}""".getBytes(StandardCharsets.UTF_8);

    private final FloorPlan plan;
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final int closedPort;

    private EndpointFloor(FloorPlan plan) throws IOException {
        this.plan = plan;
        // read once by the JDK server on first use; a forked floor gets it on its command line
        System.setProperty("sun.net.httpserver.idleInterval",
                System.getProperty("sun.net.httpserver.idleInterval", String.valueOf(IDLE_SECONDS)));
        try {
            for (int s = 0; s < plan.servers(); s++) {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
                int index = s;
                server.createContext("/", exchange -> answer(index, exchange));
                // handlers on virtual threads: a slow or hung endpoint must not hold up its server's other ones
                server.setExecutor(handlers);
                server.start();
                servers.add(server);
            }
            closedPort = freePort();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts the floor's servers in this JVM. */
    static EndpointFloor start(FloorPlan plan) throws IOException {
        return new EndpointFloor(plan);
    }

    int[] ports() {
        return servers.stream().mapToInt(s -> s.getAddress().getPort()).toArray();
    }

    int closedPort() {
        return closedPort;
    }

    private void answer(int server, HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = MODELS.matcher(exchange.getRequestURI().getPath());
            int i = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (i < 0 || i >= plan.endpoints() || plan.server(i) != server
                    || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long delay = plan.behaviour(i).delayMs();
            if (delay > 0) {
                try {
                    Thread.sleep(delay); // the simulated model server's own latency
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, MODELS_BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(MODELS_BODY);
            }
        } catch (IOException gone) {
            // a probe that timed out has closed its connection: nothing to answer
        }
    }

    /** A loopback port nobody listens on (bound, then released: connecting to it is refused at once). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        handlers.shutdownNow();
    }

    /**
     * Runs a floor in this process. Arguments: endpoints servers slowPct hungPct refusedPct hungMs (as
     * {@link FloorPlan#of}). Prints its ports on one line, then serves until stdin reaches its end (the harness
     * closed it, or died).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: EndpointFloor endpoints servers slowPct hungPct refusedPct hungMs");
            System.exit(2);
        }
        FloorPlan plan = FloorPlan.of(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Double.parseDouble(args[2]), Double.parseDouble(args[3]), Double.parseDouble(args[4]),
                Long.parseLong(args[5]));
        try (EndpointFloor floor = start(plan)) {
            System.out.println(line(floor.ports(), floor.closedPort()));
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // nothing is sent; reading only detects the end
            }
        }
    }

    static String line(int[] ports, int closed) {
        return "ports " + String.join(",", Arrays.stream(ports).mapToObj(String::valueOf).toList())
                + " closed " + closed;
    }

    /** Parses {@link #line}: the live ports, then the closed port as the last element. */
    static int[] parseLine(String line) {
        String[] parts = line == null ? new String[0] : line.trim().split(" ");
        if (parts.length != 4 || !"ports".equals(parts[0]) || !"closed".equals(parts[2])) {
            throw new IllegalStateException("endpoint floor process said '" + line + "' instead of its ports");
        }
        int[] live = Arrays.stream(parts[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int[] all = Arrays.copyOf(live, live.length + 1);
        all[live.length] = Integer.parseInt(parts[3]);
        return all;
    }

    static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
