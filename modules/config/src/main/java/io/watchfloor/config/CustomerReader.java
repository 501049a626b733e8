package io.watchfloor.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code customers:}, who owns which endpoints and dedicated GPU hosts. An endpoint may also name its customer
 * itself ({@code customer: acme}); the two must agree, because usage and cost of an endpoint belong to one customer.
 * Without a customers: section, the ids that endpoints name are customers of their own (name = id, zone UTC), so a
 * small setup needs no list; with one, an id it does not hold is a typo and is reported.
 */
final class CustomerReader {
    static final List<String> KEYS = List.of("id", "name", "endpoints", "hosts", "zone");

    private static final String ENTRY_EXPECTED = "expected a mapping with at least id, such as {id: acme, endpoints: "
            + "[gpt4o-eastus]}";
    private static final String ENDPOINTS_EXPECTED = "expected a list of endpoint ids such as [gpt4o-eastus]";
    private static final String HOSTS_EXPECTED = "expected a list of GPU host names as the wall shows them, such as "
            + "[gpu-a1, gpu-a2]";
    private static final String ZONE_EXPECTED = "expected a zone such as UTC or Europe/Berlin";
    private static final String OWNER_EXPECTED = "expected each endpoint and host under one customer";

    /** Sorted, so that a "did you mean" is the same on every run. */
    private static final Set<String> ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds());

    private final NodeReader reader;
    private final Collection<String> endpointIds;
    private final List<EndpointReader.CustomerClaim> claims;
    /** Customer id to where it was first written: valid ids, also of entries with other problems. */
    private final Map<String, Position> firstIds = new LinkedHashMap<>();
    /** Endpoint or host name to the customer listing it first, and where. */
    private final Map<String, Owner> endpointOwners = new HashMap<>();
    private final Map<String, Owner> hostOwners = new HashMap<>();

    private record Owner(String customer, Position position) {
    }

    /**
     * @param endpointIds every valid id under {@code endpoints:}, also of entries with other problems
     * @param claims      the endpoints' own {@code customer:} values
     */
    CustomerReader(NodeReader reader, Collection<String> endpointIds, List<EndpointReader.CustomerClaim> claims) {
        this.reader = reader;
        this.endpointIds = endpointIds;
        this.claims = claims;
    }

    /**
     * The customers of {@code customers:}, or, when the file has none (no section, or one with every entry commented
     * out), the customers the endpoints name, in the order first named.
     *
     * @param node the value of {@code customers:}, null when the file has no such key
     */
    List<CustomerConfig> readAll(Node node) {
        if (NodeReader.isNull(node) || node instanceof SequenceNode empty && empty.getValue().isEmpty()) {
            return implied();
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, "customers", NodeReader.kind(node, false) + "; expected a list of customers, each with "
                    + "at least id (start each customer with \"- \")");
            return List.of();
        }
        List<CustomerConfig> customers = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            CustomerConfig c = read(list.getValue().get(i), "customers[" + i + "]");
            if (c != null) {
                customers.add(c);
            }
        }
        checkClaims();
        return customers;
    }

    /** One customer per distinct {@code customer:} of the endpoints, named by its id. */
    private List<CustomerConfig> implied() {
        Map<String, CustomerConfig> out = new LinkedHashMap<>();
        for (EndpointReader.CustomerClaim claim : claims) {
            out.putIfAbsent(claim.customer(), new CustomerConfig(claim.customer(), null, List.of(), List.of(), null));
        }
        return List.copyOf(out.values());
    }

    private CustomerConfig read(Node node, String path) {
        Section s = Section.of(reader, node, path, ENTRY_EXPECTED);
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, KEYS);
        Node idNode = s.require(reader, "id", "; expected a short id such as acme");
        String id = idNode == null ? null : id(idNode, s.child("id"));
        String name = null;
        if (s.has("name")) {
            ScalarText text = reader.text(s.get("name"), s.child("name"), "expected a display name such as \"Acme Corp\"");
            if (text != null && text.value().isBlank()) {
                reader.report(s.get("name"), s.child("name"), "is empty; expected a display name such as \"Acme Corp\", "
                        + "or no name: to show the id");
            }
            name = text == null || text.value().isBlank() ? null : text.value().strip();
        }
        List<String> endpoints = new ArrayList<>();
        for (NameList.Item item : NameList.read(reader, s.get("endpoints"), s.child("endpoints"), ENDPOINTS_EXPECTED)) {
            if (NameList.isEndpoint(reader, item, endpointIds) && owned(endpointOwners, "endpoint", item, id)) {
                endpoints.add(item.value());
            }
        }
        List<String> hosts = new ArrayList<>();
        for (NameList.Item item : NameList.read(reader, s.get("hosts"), s.child("hosts"), HOSTS_EXPECTED)) {
            if (owned(hostOwners, "host", item, id)) {
                hosts.add(item.value());
            }
        }
        ZoneId zone = s.has("zone") ? zone(s.get("zone"), s.child("zone")) : null;
        if (id == null) {
            return null; // reported; the rest was still checked so that one run shows every problem
        }
        return new CustomerConfig(id, name, endpoints, hosts, zone);
    }

    private String id(Node node, String path) {
        ScalarText id = reader.text(node, path, "expected a short id such as acme");
        if (id == null) {
            return null;
        }
        String value = id.value().strip();
        if (!SourceReader.ID.matcher(value).matches()) {
            reader.report(node, path, id.shown() + " is not a valid id; expected letters, digits, '.', '_' or '-', "
                    + "such as acme");
            return null;
        }
        Position first = firstIds.putIfAbsent(value, reader.problems().position(node));
        if (first != null) {
            reader.report(node, path, "duplicate customer id " + ScalarText.quote(value) + " (first defined at line "
                    + first.line() + "); expected a unique id per customer");
            return null;
        }
        return value;
    }

    /**
     * Whether this customer may own the endpoint or host: not when another customer (or this one) listed it already,
     * which would count its usage and cost twice.
     */
    private boolean owned(Map<String, Owner> owners, String what, NameList.Item item, String customer) {
        Owner first = owners.putIfAbsent(item.value(), new Owner(customer, reader.problems().position(item.node())));
        if (first == null) {
            return true;
        }
        String where = first.customer() == null || first.customer().equals(customer) ? "already listed at line "
                + first.position().line() : "already listed under customer " + ScalarText.quote(first.customer())
                + " (line " + first.position().line() + ")";
        reader.report(item.node(), item.path(), what + " " + ScalarText.quote(item.value()) + " is " + where + "; "
                + OWNER_EXPECTED);
        return false;
    }

    /** Endpoints' own {@code customer:} must name a listed customer, and the one that lists them if any does. */
    private void checkClaims() {
        for (EndpointReader.CustomerClaim claim : claims) {
            if (!firstIds.containsKey(claim.customer())) {
                Optional<String> suggestion = KeySuggestions.closest(claim.customer(), firstIds.keySet());
                reader.report(claim.node(), claim.path(), "no customer has id " + ScalarText.quote(claim.customer())
                        + suggestion.map(x -> " (did you mean " + ScalarText.quote(x) + "?)").orElse("")
                        + "; expected the id of an entry under customers:");
                continue;
            }
            Owner lister = endpointOwners.get(claim.endpointId());
            if (lister != null && lister.customer() != null && !lister.customer().equals(claim.customer())) {
                reader.report(claim.node(), claim.path(), "names customer " + ScalarText.quote(claim.customer())
                        + ", but customer " + ScalarText.quote(lister.customer()) + " lists endpoint "
                        + ScalarText.quote(claim.endpointId()) + " (line " + lister.position().line() + "); "
                        + OWNER_EXPECTED);
            }
        }
    }

    private ZoneId zone(Node node, String path) {
        ScalarText text = reader.text(node, path, ZONE_EXPECTED);
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            Optional<String> suggestion = value.isEmpty() ? Optional.empty()
                    : KeySuggestions.closest(value, ZONES);
            reader.report(node, path, text.shown() + " is not a time zone"
                    + suggestion.map(x -> " (did you mean " + ScalarText.quote(x) + "?)").orElse("") + "; "
                    + ZONE_EXPECTED);
            return null;
        }
    }
}
