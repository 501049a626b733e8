package io.watchfloor.config;

import io.watchfloor.model.endpoint.MaintenanceWindow;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates {@code watchfloor.yaml}. The YAML is composed into a node tree rather than
 * bound to objects, so every value keeps its line and column, and every problem in the file is
 * reported at once in a {@link ConfigException}.
 */
public final class ConfigLoader {
    static final List<String> KEYS = List.of("sources", "endpoints", "maintenance", "wall", "cache", "incidents",
            "notifications", "customers", "prices", "bastions", "hosts", "access", "roles");
    /** Top-level keys of features still to come: accepted and ignored so today's build reads tomorrow's files. */
    static final Set<String> RESERVED = Set.of();

    private ConfigLoader() {
    }

    /**
     * Reads a config file.
     *
     * @param env environment for ${VAR} placeholders, usually System.getenv()
     * @throws ConfigException listing every problem found, each with file, line and column
     * @throws IOException     when the file cannot be read
     */
    public static WatchfloorConfig load(Path file, Map<String, String> env) throws ConfigException, IOException {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(new ConfigProblem(new Position(file, 1, 1),
                    "is not UTF-8 text; expected a YAML file saved as UTF-8")));
        }
        return parse(yaml, file, env);
    }

    /**
     * Reads config text, e.g. the bundled example from the classpath.
     *
     * @param nameForMessages the file named in problems; relative caFile paths resolve against its directory
     */
    public static WatchfloorConfig parse(String yaml, Path nameForMessages, Map<String, String> env) throws ConfigException {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(nameForMessages, "nameForMessages");
        Objects.requireNonNull(env, "env");
        Problems problems = new Problems(nameForMessages);
        Node root = compose(yaml, problems);
        WatchfloorConfig config = null;
        if (root != null) {
            Path parent = nameForMessages.toAbsolutePath().getParent();
            NodeReader reader = new NodeReader(problems, env, parent == null ? Path.of("").toAbsolutePath() : parent);
            config = read(reader, env, root, nameForMessages);
        }
        if (problems.count() > 0) {
            throw new ConfigException(problems.inFileOrder());
        }
        return config;
    }

    /**
     * Parses "500ms", "5s", "10m", "1h", "7d" or combinations from large to small such as "1h30m".
     *
     * @throws IllegalArgumentException saying what is wrong and which forms are expected
     */
    public static Duration parseDuration(String text) {
        return Durations.parse(text);
    }

    /** The root node, or null after reporting a syntax error or an empty file. */
    private static Node compose(String yaml, Problems problems) {
        Node root;
        try {
            root = FlowPlaceholders.restore(new Yaml(new LoaderOptions()).compose(
                    new StringReader(FlowPlaceholders.hide(yaml))));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(problems.position(mark), "", FlowPlaceholders.restore(SyntaxErrors.describe(e, problems, yaml)));
            return null;
        } catch (YAMLException e) {
            problems.add(problems.position((Mark) null), "", "cannot be read as YAML ("
                    + FlowPlaceholders.restore(e.getMessage()) + ")");
            return null;
        }
        if (root == null) {
            problems.add(problems.position((Mark) null), "", "the file is empty; expected a mapping with at least "
                    + "a \"sources:\" list");
        }
        return root;
    }

    private static WatchfloorConfig read(NodeReader reader, Map<String, String> env, Node root, Path file) {
        if (!(root instanceof MappingNode)) {
            reader.report(root, "", "the file " + NodeReader.kind(root, false) + "; expected a mapping with top-level "
                    + "keys such as sources:");
            return null;
        }
        Section top = Section.of(reader, root, "", "expected a mapping");
        top.rejectUnknown(reader, KEYS, RESERVED);
        // a fleet polled only over SSH needs no other source
        Node sourcesNode = top.has("hosts") && !top.has("sources") ? null
                : top.require(reader, "sources", "; expected a list of sources, each with at least id and type");
        List<SourceConfig> sources = sourcesNode == null ? List.of() : new SourceReader(reader).readAll(sourcesNode);
        // endpoints name sources, maintenance windows name endpoints: read in that order
        EndpointReader endpointReader = new EndpointReader(reader, env, sources);
        List<EndpointConfig> endpoints = top.has("endpoints") ? endpointReader.readAll(top.get("endpoints")) : List.of();
        List<MaintenanceWindow> maintenance = top.has("maintenance")
                ? new MaintenanceReader(reader, endpointReader.ids()).readAll(top.get("maintenance")) : List.of();
        WallConfig wall = top.has("wall") ? new WallReader(reader).read(top.get("wall")) : WallConfig.DEFAULTS;
        CacheConfig cache = top.has("cache") ? new CacheReader(reader, env).read(top.get("cache")) : CacheConfig.DEFAULTS;
        IncidentsConfig incidents = top.has("incidents") ? new IncidentsReader(reader).read(top.get("incidents"))
                : IncidentsConfig.DEFAULTS;
        List<NotificationConfig> notifications = top.has("notifications")
                ? new NotificationsReader(reader).readAll(top.get("notifications")) : List.of();
        // customers and prices name endpoints, and endpoints may name their customer: read after endpoints
        List<CustomerConfig> customers = new CustomerReader(reader, endpointReader.ids(), endpointReader.customerClaims())
                .readAll(top.get("customers"));
        List<PriceModel> prices = top.has("prices")
                ? new PriceReader(reader, endpointReader.ids()).readAll(top.get("prices")) : List.of();
        // hosts name bastions; access and roles name nothing else
        BastionReader bastionReader = new BastionReader(reader);
        List<BastionConfig> bastions = bastionReader.readAll(top.get("bastions"));
        List<HostConfig> hosts = new HostReader(reader, bastionReader.ids()).readAll(top.get("hosts"));
        AccessConfig access = new AccessReader(reader).read(top.get("access"), top.get("roles"));
        return new WatchfloorConfig(file, sources, wall, cache, endpoints, maintenance, incidents, notifications,
                customers, prices, bastions, hosts, access);
    }
}
