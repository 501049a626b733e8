package io.watchfloor.bench.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated floor while the benchmark runs: in a child JVM (the default: its CPU is then not the console's)
 * or in this one (the quick test). Either way it gives the live ports and the refused one.
 */
final class RunningFloor implements AutoCloseable {
    private final int[] ports;
    private final int closedPort;
    private final Process process;
    private final EndpointFloor local;

    private RunningFloor(int[] ports, int closedPort, Process process, EndpointFloor local) {
        this.ports = ports;
        this.closedPort = closedPort;
        this.process = process;
        this.local = local;
    }

    static RunningFloor start(BenchOptions o) throws IOException {
        FloorPlan plan = o.plan();
        if (!o.forkServers()) {
            EndpointFloor floor = EndpointFloor.start(plan);
            return new RunningFloor(floor.ports(), floor.closedPort(), null, floor);
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                "-Dsun.net.httpserver.idleInterval=" + EndpointFloor.IDLE_SECONDS,
                "-cp", System.getProperty("java.class.path"), EndpointFloor.class.getName(),
                String.valueOf(o.endpoints()), String.valueOf(o.servers()), String.valueOf(o.slowPct()),
                String.valueOf(o.hungPct()), String.valueOf(o.refusedPct()), String.valueOf(o.hungFor().toMillis())));
        // the child inherits this process's CPU affinity (taskset), so both share the same 2 cores
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = EndpointFloor.reader(p.getInputStream());
            int[] all = EndpointFloor.parseLine(out.readLine());
            return new RunningFloor(Arrays.copyOf(all, all.length - 1), all[all.length - 1], p, null);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** The base URL of endpoint i: its server's port, or the closed port for a refused one. */
    String baseUrl(FloorPlan plan, int i) {
        int port = plan.behaviour(i).kind() == FloorPlan.Kind.REFUSED ? closedPort : ports[plan.server(i)];
        return "http://127.0.0.1:" + port + FloorPlan.basePath(i);
    }

    /** CPU time the floor's own process has used; null when the floor runs inside this JVM. */
    Duration cpu() {
        return process == null ? null : process.toHandle().info().totalCpuDuration().orElse(null);
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
        if (process != null) {
            try {
                process.getOutputStream().close(); // end of stdin: the floor stops serving and exits
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
