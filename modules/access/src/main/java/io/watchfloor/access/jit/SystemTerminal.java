package io.watchfloor.access.jit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Finds the user's terminal program and starts {@code ssh} in it. */
class SystemTerminal {
    /** Linux terminal programs in order of preference, with the flag that precedes the command. */
    static final List<List<String>> LINUX = List.of(
            List.of("x-terminal-emulator", "-e"),
            List.of("gnome-terminal", "--"),
            List.of("konsole", "-e"),
            List.of("xterm", "-e"));

    private final String os;
    private final Predicate<String> onPath;

    SystemTerminal(String os, Predicate<String> onPath) {
        this.os = os;
        this.onPath = onPath;
    }

    static SystemTerminal forThisMachine(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        return new SystemTerminal(System.getProperty("os.name", ""), program -> {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The full command line that opens a terminal running {@code ssh}; null when no terminal program is found. */
    List<String> commandLine(List<String> ssh) {
        if (os.toLowerCase(java.util.Locale.ROOT).startsWith("mac")) {
            // Terminal.app takes no command on its command line; AppleScript's "do script" runs one in a new window
            return List.of("osascript", "-e", "tell application \"Terminal\" to do script \"" + shellQuote(ssh)
                    .replace("\\", "\\\\").replace("\"", "\\\"") + "\"", "-e", "tell application \"Terminal\" to activate");
        }
        for (List<String> t : LINUX) {
            if (onPath.test(t.get(0))) {
                List<String> cmd = new ArrayList<>(t);
                cmd.addAll(ssh);
                return List.copyOf(cmd);
            }
        }
        return null;
    }

    void start(List<String> commandLine) throws IOException {
        new ProcessBuilder(commandLine).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static String shellQuote(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(a.matches("[A-Za-z0-9_@%+=:,./\\[\\]-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }
}
