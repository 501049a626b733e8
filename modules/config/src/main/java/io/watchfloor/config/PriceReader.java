package io.watchfloor.config;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code prices:}, what each model costs from which date on. Prices are read from the YAML text straight into
 * BigDecimal, never through a double, so 0.0025 stays exactly 0.0025 and a month's cost comes out to the cent. An
 * endpoint or host is priced by one model only: with two, its cost would depend on which one a report picked.
 */
final class PriceReader {
    static final List<String> KEYS = List.of("model", "currency", "endpoints", "hosts", "tables");
    static final List<String> TABLE_KEYS = List.of("from", "inputPer1k", "outputPer1k", "instanceHour");

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final String ENTRY_EXPECTED = "expected a mapping with model and tables, such as {model: gpt-4o, "
            + "endpoints: [gpt4o-eastus], tables: [...]}";
    private static final String TABLES_EXPECTED = "expected a list of dated prices such as "
            + "- {from: 2026-10-01, inputPer1k: 0.0025, outputPer1k: 0.01}";
    private static final String TABLE_EXPECTED = "expected a mapping such as {from: 2026-10-01, inputPer1k: 0.0025, "
            + "outputPer1k: 0.01} or {from: 2026-10-01, instanceHour: 12.40}";
    private static final String DATE_EXPECTED = "expected the date the prices hold from, as YYYY-MM-DD such as 2026-10-01";
    private static final String PRICE_EXPECTED = "expected a price of 0 or more, such as 0.0025";
    private static final String CURRENCY_EXPECTED = "expected an ISO 4217 code of 3 upper-case letters, such as USD or EUR";
    private static final String ENDPOINTS_EXPECTED = "expected a list of endpoint ids such as [gpt4o-eastus]";
    private static final String HOSTS_EXPECTED = "expected a list of GPU host names as the wall shows them, such as "
            + "[gpu-a1, gpu-a2]";
    private static final String ONE_MODEL = "expected each endpoint and host priced by one model, so its cost is not "
            + "ambiguous";

    private final NodeReader reader;
    private final Collection<String> endpointIds;
    private final Map<String, Position> firstModels = new HashMap<>();
    /** Endpoint or host name to the model pricing it first, and where. */
    private final Map<String, Pricer> endpointPricers = new HashMap<>();
    private final Map<String, Pricer> hostPricers = new HashMap<>();

    private record Pricer(String model, Position position) {
    }

    /** @param endpointIds every valid id under {@code endpoints:}, also of entries with other problems */
    PriceReader(NodeReader reader, Collection<String> endpointIds) {
        this.reader = reader;
        this.endpointIds = endpointIds;
    }

    List<PriceModel> readAll(Node node) {
        if (NodeReader.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, "prices", NodeReader.kind(node, false) + "; expected a list of models, each with "
                    + "model and tables (start each model with \"- \")");
            return List.of();
        }
        List<PriceModel> models = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            PriceModel m = read(list.getValue().get(i), "prices[" + i + "]");
            if (m != null) {
                models.add(m);
            }
        }
        return models;
    }

    private PriceModel read(Node node, String path) {
        Section s = Section.of(reader, node, path, ENTRY_EXPECTED);
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, KEYS);
        Node modelNode = s.require(reader, "model", "; expected the model's name, such as gpt-4o");
        String model = modelNode == null ? null : model(modelNode, s.child("model"));
        String currency = s.has("currency") ? currency(s.get("currency"), s.child("currency")) : null;
        List<String> endpoints = new ArrayList<>();
        for (NameList.Item item : NameList.read(reader, s.get("endpoints"), s.child("endpoints"), ENDPOINTS_EXPECTED)) {
            if (NameList.isEndpoint(reader, item, endpointIds) && priced(endpointPricers, "endpoint", item, model)) {
                endpoints.add(item.value());
            }
        }
        List<String> hosts = new ArrayList<>();
        for (NameList.Item item : NameList.read(reader, s.get("hosts"), s.child("hosts"), HOSTS_EXPECTED)) {
            if (priced(hostPricers, "host", item, model)) {
                hosts.add(item.value());
            }
        }
        Node tablesNode = s.require(reader, "tables", "; " + TABLES_EXPECTED);
        List<PriceTable> tables = tablesNode == null ? null : tables(tablesNode, s.child("tables"));
        if (model == null || tables == null || tables.isEmpty()) {
            return null; // reported; the rest was still checked so that one run shows every problem
        }
        return new PriceModel(model, currency, endpoints, hosts, tables);
    }

    private String model(Node node, String path) {
        String expected = "expected the model's name, such as gpt-4o";
        ScalarText text = reader.text(node, path, expected);
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        if (value.isEmpty()) {
            reader.report(node, path, "is empty; " + expected);
            return null;
        }
        Position first = firstModels.putIfAbsent(value, reader.problems().position(node));
        if (first != null) {
            reader.report(node, path, "duplicate model " + ScalarText.quote(value) + " (first defined at line "
                    + first.line() + "); expected each model once, with all its dated prices under its tables:");
            return null;
        }
        return value;
    }

    private String currency(Node node, String path) {
        ScalarText text = reader.text(node, path, CURRENCY_EXPECTED);
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        if (!CURRENCY.matcher(value).matches()) {
            reader.report(node, path, text.shown() + " is not a currency code; " + CURRENCY_EXPECTED);
            return null;
        }
        return value;
    }

    /** Whether this model may price the endpoint or host: not when a model listed it already. */
    private boolean priced(Map<String, Pricer> pricers, String what, NameList.Item item, String model) {
        Pricer first = pricers.putIfAbsent(item.value(), new Pricer(model, reader.problems().position(item.node())));
        if (first == null) {
            return true;
        }
        String where = first.model() == null || first.model().equals(model) ? "already listed at line "
                + first.position().line() : "already priced by model " + ScalarText.quote(first.model()) + " (line "
                + first.position().line() + ")";
        reader.report(item.node(), item.path(), what + " " + ScalarText.quote(item.value()) + " is " + where + "; "
                + ONE_MODEL);
        return false;
    }

    /** The valid tables; null after reporting when there are none at all. */
    private List<PriceTable> tables(Node node, String path) {
        if (NodeReader.isNull(node) || node instanceof SequenceNode empty && empty.getValue().isEmpty()) {
            reader.report(node, path, "is empty; " + TABLES_EXPECTED);
            return null;
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, path, NodeReader.kind(node, false) + "; " + TABLES_EXPECTED);
            return null;
        }
        List<PriceTable> tables = new ArrayList<>();
        Map<LocalDate, Position> firstDates = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            PriceTable t = table(list.getValue().get(i), path + "[" + i + "]", firstDates);
            if (t != null) {
                tables.add(t);
            }
        }
        return tables;
    }

    private PriceTable table(Node node, String path, Map<LocalDate, Position> firstDates) {
        Section s = Section.of(reader, node, path, TABLE_EXPECTED);
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, TABLE_KEYS);
        Node fromNode = s.require(reader, "from", "; " + DATE_EXPECTED);
        LocalDate from = fromNode == null ? null : date(fromNode, s.child("from"), firstDates);
        BigDecimal input = s.has("inputPer1k") ? price(s.get("inputPer1k"), s.child("inputPer1k")) : null;
        BigDecimal output = s.has("outputPer1k") ? price(s.get("outputPer1k"), s.child("outputPer1k")) : null;
        BigDecimal hour = s.has("instanceHour") ? price(s.get("instanceHour"), s.child("instanceHour")) : null;
        if (!s.has("inputPer1k") && !s.has("outputPer1k") && !s.has("instanceHour")) {
            reader.report(node, path, "has no price; expected at least one of inputPer1k, outputPer1k (per 1,000 "
                    + "tokens) or instanceHour (per dedicated GPU host and hour)");
            return null;
        }
        boolean priceProblem = s.has("inputPer1k") && input == null || s.has("outputPer1k") && output == null
                || s.has("instanceHour") && hour == null;
        if (from == null || priceProblem) {
            return null;
        }
        return new PriceTable(from, input, output, hour);
    }

    private LocalDate date(Node node, String path, Map<LocalDate, Position> firstDates) {
        ScalarText text = reader.text(node, path, DATE_EXPECTED);
        if (text == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.value().strip());
        } catch (DateTimeParseException e) {
            reader.report(node, path, text.shown() + " is not a date; " + DATE_EXPECTED);
            return null;
        }
        Position first = firstDates.putIfAbsent(date, reader.problems().position(node));
        if (first != null) {
            reader.report(node, path, "duplicate date " + date + " (first at line " + first.line() + "); expected one "
                    + "table per date, each holding until the next one's date");
            return null;
        }
        return date;
    }

    /** The price exactly as written; YAML's own number reading would go through a double. */
    private BigDecimal price(Node node, String path) {
        ScalarText text = reader.text(node, path, PRICE_EXPECTED);
        if (text == null) {
            return null;
        }
        BigDecimal price;
        try {
            price = new BigDecimal(text.value().strip());
        } catch (NumberFormatException e) {
            reader.report(node, path, text.shown() + " is not a number; " + PRICE_EXPECTED);
            return null;
        }
        if (price.signum() < 0) {
            reader.report(node, path, text.shown() + " is negative; " + PRICE_EXPECTED);
            return null;
        }
        return price;
    }
}
