package io.watchfloor.sources.ssh;

import io.watchfloor.config.HostConfig;
import io.watchfloor.sources.nvidia.QueryComputeApps;
import io.watchfloor.sources.nvidia.QueryGpuCsv;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one POSIX sh script a host runs per poll, and the splitting of its output into sections. Each command's
 * output is framed by {@code @@wf:NAME} and {@code @@wf:NAME:rc=N}, so one failing command (nvidia-smi missing,
 * no journal access) leaves the others readable. The script itself always exits 0: a non-zero exit means the
 * shell never ran it.
 *
 * <p>Sections: {@code help} (only while the host's query fields are unknown), {@code gpu} (query-gpu CSV with
 * header) or {@code xml} ({@code -q -x}, drivers without --query-gpu), {@code apps}, {@code xid}, {@code svc},
 * {@code df}, {@code load}, {@code cpus}, {@code mem}.
 */
final class HostScript {
    static final String HELP = "help";
    static final String GPU = "gpu";
    static final String XML = "xml";
    static final String APPS = "apps";
    static final String XID = "xid";
    static final String SERVICES = "svc";
    static final String DISKS = "df";
    static final String LOAD = "load";
    static final String CPUS = "cpus";
    static final String MEM = "mem";

    private static final Pattern MARK = Pattern.compile("^@@wf:([a-z]+)(?::rc=(-?\\d+))?$");

    /** How a host's nvidia-smi is asked: fields not yet known, a learned --query-gpu list, or XML only. */
    sealed interface GpuQuery {
        record Learn() implements GpuQuery {
        }

        record Fields(List<String> fields) implements GpuQuery {
        }

        record Xml() implements GpuQuery {
        }
    }

    record Section(String text, int rc) {
        boolean ok() {
            return rc == 0;
        }

        /** The first non-blank line, for messages ("nvidia-smi: command not found"). */
        String firstLine() {
            return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("exit code " + rc);
        }
    }

    private HostScript() {
    }

    static String build(HostConfig host, GpuQuery query) {
        StringBuilder s = new StringBuilder();
        s.append("LC_ALL=C; export LC_ALL\n");
        s.append("s() { printf '\\n@@wf:%s\\n' \"$1\"; }\n");
        s.append("e() { printf '\\n@@wf:%s:rc=%s\\n' \"$1\" \"$2\"; }\n");
        s.append("smi=").append(quote(host.nvidiaSmi())).append('\n');
        s.append("if ! command -v \"$smi\" >/dev/null 2>&1; then s gpu; echo \"$smi: command not found\"; e gpu 127\n");
        s.append("else\n");
        String gpuQuery = "\"$smi\" --query-gpu=\"$F\" --format=csv,nounits 2>&1; e gpu $?";
        switch (query) {
            case GpuQuery.Learn l -> {
                // the driver says which fields it knows; an unknown one would make it reject the whole query
                s.append("H=$(\"$smi\" --help-query-gpu 2>&1); r=$?; s help; printf '%s\\n' \"$H\"; e help $r\n");
                s.append("F=; for c in");
                for (String wanted : QueryGpuCsv.WANTED) {
                    s.append(' ').append(quote(wanted.replace('|', ' ')));
                }
                s.append("; do for f in $c; do case \"$H\" in *\"\\\"$f\\\"\"*) F=\"${F:+$F,}$f\"; break;; esac; done; done\n");
                s.append("if [ $r -eq 0 ] && [ -n \"$F\" ]; then s gpu; ").append(gpuQuery)
                        .append("; else s xml; \"$smi\" -q -x 2>&1; e xml $?; fi\n");
            }
            case GpuQuery.Fields f -> s.append("F=").append(quote(String.join(",", f.fields()))).append("; s gpu; ")
                    .append(gpuQuery).append('\n');
            case GpuQuery.Xml x -> s.append("s xml; \"$smi\" -q -x 2>&1; e xml $?\n");
        }
        if (!(query instanceof GpuQuery.Xml)) {
            s.append("s apps; \"$smi\" --query-compute-apps=").append(String.join(",", QueryComputeApps.FIELDS))
                    .append(" --format=csv,nounits 2>&1; e apps $?\n");
        }
        s.append("fi\n");
        // the last day of Xids; dmesg where the journal is not readable (no systemd, no journal group)
        s.append("s xid; { journalctl -k --since -24h -o short-iso --no-pager 2>/dev/null"
                + " || dmesg --time-format iso 2>/dev/null; } | grep -F 'NVRM: Xid' | tail -n 200; e xid 0\n");
        if (!host.services().isEmpty()) {
            s.append("s svc; systemctl is-active");
            host.services().forEach(u -> s.append(' ').append(quote(u)));
            s.append(" 2>&1; e svc $?\n");
        }
        s.append("s df; df -P -k");
        host.disks().forEach(d -> s.append(' ').append(quote(d)));
        s.append(" 2>&1; e df $?\n");
        s.append("s load; cat /proc/loadavg 2>&1; e load $?\n");
        s.append("s cpus; { getconf _NPROCESSORS_ONLN || nproc; } 2>/dev/null; e cpus $?\n");
        s.append("s mem; cat /proc/meminfo 2>&1; e mem $?\n");
        s.append("exit 0\n");
        // run by sh whatever the login shell is
        return "sh -c " + quote(s.toString());
    }

    /** Sections by name; a section without its end marker (output cut off) is left out. */
    static Map<String, Section> sections(String stdout) {
        Map<String, Section> out = new HashMap<>();
        String open = null;
        StringBuilder text = new StringBuilder();
        for (String line : stdout.lines().toList()) {
            Matcher m = MARK.matcher(line);
            if (!m.matches()) {
                if (open != null) {
                    text.append(line).append('\n');
                }
                continue;
            }
            if (m.group(2) == null) {
                open = m.group(1);
                text.setLength(0);
            } else if (m.group(1).equals(open)) {
                String body = text.toString();
                out.put(open, new Section(body.endsWith("\n\n") ? body.substring(0, body.length() - 1) : body,
                        Integer.parseInt(m.group(2))));
                open = null;
            }
        }
        return out;
    }

    /** A POSIX single-quoted word: nothing inside is expanded. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
