package io.watchfloor.sources.ssh;

import io.watchfloor.config.HostConfig;
import io.watchfloor.ssh.ExecResult;
import io.watchfloor.ssh.SshAddress;
import io.watchfloor.ssh.SshAuth;
import io.watchfloor.ssh.SshException;
import io.watchfloor.ssh.SshExecutor;
import io.watchfloor.ssh.SshHop;
import io.watchfloor.ssh.SshRoute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Answers each host's poll script from canned output (fixture files framed as the script frames them). */
final class FakeSsh implements SshExecutor {
    /** What a host answers to the command it got. */
    interface Answer {
        ExecResult answer(String command, Duration timeout) throws SshException, InterruptedException;
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, List<String>> commands = new ConcurrentHashMap<>();
    /** Per host: where its current call reports its stage (the source's callback). */
    final Map<String, java.util.function.Consumer<String>> stages = new ConcurrentHashMap<>();
    /** What this transport says connecting may add to a call. */
    volatile Duration setupAllowance = Duration.ZERO;

    @Override
    public Duration setupAllowance() {
        return setupAllowance;
    }

    @Override
    public ExecResult exec(SshRoute route, String command, Duration timeout,
                           java.util.function.Consumer<String> stage) throws SshException, InterruptedException {
        stages.put(route.hostId(), stage);
        return exec(route, command, timeout);
    }

    FakeSsh on(String hostId, Answer answer) {
        answers.put(hostId, answer);
        return this;
    }

    FakeSsh stdout(String hostId, Function<String, String> byCommand) {
        return on(hostId, (command, timeout) -> new ExecResult(0, byCommand.apply(command), ""));
    }

    @Override
    public ExecResult exec(SshRoute route, String command, Duration timeout) throws SshException, InterruptedException {
        calls.add(route.hostId());
        commands.computeIfAbsent(route.hostId(), h -> new CopyOnWriteArrayList<>()).add(command);
        Answer a = answers.get(route.hostId());
        if (a == null) {
            throw new SshException(SshException.Kind.UNREACHABLE, route.hostId() + ": no such test host", null);
        }
        return a.answer(command, timeout);
    }

    static SshRoute route(HostConfig host) {
        return new SshRoute(host.id(), new SshHop(new SshAddress(host.host(), host.port(), host.user()),
                new SshAuth.DefaultKeys(), Path.of("known_hosts")), null);
    }

    /** The script's output framing: "@@wf:NAME", the text, "@@wf:NAME:rc=N". */
    static final class Out {
        private final StringBuilder s = new StringBuilder();

        Out section(String name, String text, int rc) {
            s.append("\n@@wf:").append(name).append('\n').append(text);
            if (!text.endsWith("\n")) {
                s.append('\n');
            }
            s.append("\n@@wf:").append(name).append(":rc=").append(rc).append('\n');
            return this;
        }

        Out section(String name, String text) {
            return section(name, text, 0);
        }

        /** The host-side sections of a calm host with 16 cores and load 4.0. */
        Out calmHost() {
            return section("xid", "")
                    .section("df", "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                            + "/dev/nvme0n1p2 959862832 412345678 498712345 46% /\n")
                    .section("load", "4.00 3.50 3.00 2/900 4242\n")
                    .section("cpus", "16\n")
                    .section("mem", "MemTotal:       263856012 kB\nMemAvailable:   197892009 kB\n");
        }

        @Override
        public String toString() {
            return s.toString();
        }
    }
}
