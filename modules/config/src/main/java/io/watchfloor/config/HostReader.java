package io.watchfloor.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code hosts:}, GPU servers polled over SSH. Service names, mount points and the nvidia-smi program become
 * parts of commands run on the host, so they are held to characters that need no quoting there.
 */
final class HostReader {
    static final List<String> KEYS = List.of("id", "host", "port", "user", "bastion", "identity", "knownHosts",
            "services", "disks", "nvidiaSmi");

    private static final String LIST_EXPECTED = "expected a list of hosts, each with at least id, host and user";
    private static final String ENTRY_EXPECTED = "expected a mapping such as {id: gpu-01, host: 10.0.0.11, user: ops, "
            + "bastion: bastion}";
    private static final String SERVICES_EXPECTED = "expected a list of systemd units such as [vllm.service]";
    private static final String DISKS_EXPECTED = "expected a list of mount points such as [/, /data]";
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9:_.@-]+");
    private static final Pattern MOUNT = Pattern.compile("/[A-Za-z0-9/._+@%:,=-]*");
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9/._+-]+");

    private final NodeReader reader;
    private final SshFields fields;
    private final Map<String, Position> bastionIds;
    private final Map<String, Position> ids = new LinkedHashMap<>();
    /** "bastion host:port" to where first written: the same address behind two bastions may be two machines. */
    private final Map<String, Position> addresses = new LinkedHashMap<>();

    /** @param bastionIds every valid id under {@code bastions:} */
    HostReader(NodeReader reader, Map<String, Position> bastionIds) {
        this.reader = reader;
        this.fields = new SshFields(reader);
        this.bastionIds = bastionIds;
    }

    List<HostConfig> readAll(Node node) {
        if (NodeReader.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, "hosts", NodeReader.kind(node, false) + "; " + LIST_EXPECTED
                    + " (start each host with \"- \")");
            return List.of();
        }
        List<HostConfig> hosts = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            HostConfig h = read(list.getValue().get(i), "hosts[" + i + "]");
            if (h != null) {
                hosts.add(h);
            }
        }
        return hosts;
    }

    private HostConfig read(Node node, String path) {
        Section s = Section.of(reader, node, path, ENTRY_EXPECTED);
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, KEYS);
        String id = fields.id(s, "host", "gpu-01", ids);
        if (id != null && bastionIds.containsKey(id)) {
            reader.report(s.get("id"), s.child("id"), "host id " + ScalarText.quote(id) + " is also a bastion's id (line "
                    + bastionIds.get(id).line() + "); expected different ids for hosts and bastions");
            id = null;
        }
        String host = fields.host(s, "10.0.0.11");
        Integer port = fields.port(s);
        String user = fields.user(s);
        boolean bastionOk = true;
        String bastion = null;
        if (s.has("bastion")) {
            bastion = bastion(s.get("bastion"), s.child("bastion"));
            bastionOk = bastion != null;
        }
        Path identity = fields.identity(s);
        Path knownHosts = fields.knownHosts(s);
        List<String> services = names(s, "services", SERVICES_EXPECTED, UNIT,
                "is not a systemd unit name; expected letters, digits and :_.@-, such as vllm.service");
        List<String> disks = names(s, "disks", DISKS_EXPECTED, MOUNT,
                "is not a mount point; expected an absolute path without spaces or quotes, such as /data");
        String nvidiaSmi = s.has("nvidiaSmi") ? program(s.get("nvidiaSmi"), s.child("nvidiaSmi")) : null;
        if (host != null && port != null) {
            String key = (bastion == null ? "" : bastion) + " " + host + ":" + port;
            Position first = addresses.putIfAbsent(key, reader.problems().position(node));
            if (first != null) {
                reader.report(s.get("host"), s.child("host"), "host " + host + " port " + port
                        + (bastion == null ? "" : " behind bastion " + ScalarText.quote(bastion))
                        + " is already listed at line " + first.line() + "; expected each host once");
            }
        }
        if (id == null || host == null || port == null || user == null || !bastionOk || knownHosts == null
                || (s.has("identity") && identity == null) || (s.has("nvidiaSmi") && nvidiaSmi == null)) {
            return null; // reported; the rest was still checked so that one run shows every problem
        }
        return new HostConfig(id, host, port, user, bastion, identity, knownHosts, services, disks, nvidiaSmi,
                reader.problems().position(node));
    }

    private String bastion(Node node, String path) {
        ScalarText text = reader.text(node, path, "expected the id of an entry under bastions:");
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        if (bastionIds.containsKey(value)) {
            return value;
        }
        Optional<String> suggestion = KeySuggestions.closest(value, bastionIds.keySet());
        reader.report(node, path, "no bastion has id " + ScalarText.quote(value)
                + suggestion.map(x -> " (did you mean " + ScalarText.quote(x) + "?)").orElse("")
                + "; expected the id of an entry under bastions:");
        return null;
    }

    private List<String> names(Section s, String key, String expected, Pattern pattern, String invalid) {
        List<String> out = new ArrayList<>();
        for (NameList.Item item : NameList.read(reader, s.get(key), s.child(key), expected)) {
            if (pattern.matcher(item.value()).matches()) {
                out.add(item.value());
            } else {
                reader.report(item.node(), item.path(), ScalarText.quote(item.value()) + " " + invalid);
            }
        }
        return out;
    }

    private String program(Node node, String path) {
        String expected = "expected a program name or path such as /usr/bin/nvidia-smi";
        ScalarText text = reader.text(node, path, expected);
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        if (!PROGRAM.matcher(value).matches()) {
            reader.report(node, path, text.shown() + " is not a program path; " + expected
                    + " (no spaces, quotes or options)");
            return null;
        }
        return value;
    }
}
