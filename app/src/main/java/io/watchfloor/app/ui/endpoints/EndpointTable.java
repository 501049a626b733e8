package io.watchfloor.app.ui.endpoints;

import io.watchfloor.app.ui.TableSelection;
import io.watchfloor.model.Metric;
import io.watchfloor.model.endpoint.EndpointState;
import io.watchfloor.model.endpoint.EndpointStatus;
import io.watchfloor.model.endpoint.SlaFigures;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ContentDisplay;

/**
 * The Endpoints table: one row per endpoint, every figure in its own sortable column (numbers sort as numbers, status
 * by severity), worst status first by default. Rows are replaced on every refresh; the selection follows the endpoint
 * id, not the row index, so a re-sort never switches the detail to another endpoint.
 */
final class EndpointTable {
    private final ObservableList<EndpointRow> rows = FXCollections.observableArrayList();
    private final SortedList<EndpointRow> sorted = new SortedList<>(rows);
    private final TableView<EndpointRow> table = new TableView<>(sorted);
    private final TableColumn<EndpointRow, EndpointRow> status = new TableColumn<>("Status");
    /** Column widths in em, so they scale with the page's font. */
    private final java.util.Map<TableColumn<EndpointRow, ?>, Double> widthsEm = new java.util.LinkedHashMap<>();
    private boolean updating;

    EndpointTable(java.util.function.Consumer<String> onSelect) {
        table.getStyleClass().add("endpoint-table");
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("No endpoints: none is configured and no source reports one."));

        // every column's value is the whole row: a cell is redrawn whenever its row changes, not only when the
        // sorted-by number does (JavaFX skips cells whose value is unchanged)
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        status.setComparator(Comparator.comparingInt(r -> r.state().status().severity()));
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(EndpointRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setText(null);
                    getStyleClass().removeAll("ep-up", "ep-degraded", "ep-down", "ep-unknown");
                    return;
                }
                EndpointStatus s = r.state().status();
                setText(EndpointStyle.badge(s));
                EndpointStyle.setStatusClass(this, s);
            }
        });
        status.setSortType(TableColumn.SortType.DESCENDING);
        add(status, 8);

        TableColumn<EndpointRow, EndpointRow> name = new TableColumn<>("Endpoint");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setComparator(Comparator.comparing(r -> r.state().name(), String.CASE_INSENSITIVE_ORDER));
        name.setCellFactory(c -> new TableCell<>() {
            private final Label demo = new Label("DEMO");

            {
                demo.getStyleClass().add("demo-tag");
                setContentDisplay(ContentDisplay.RIGHT);
            }

            @Override
            protected void updateItem(EndpointRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.state().name());
                setGraphic(r != null && !empty && r.state().demo() ? demo : null);
            }
        });
        add(name, 14);

        add(text("Provider", r -> r.state().provider()), 10);
        add(number("RPM", r -> r.state().value(Metric.REQUESTS_PM), r -> EndpointFormat.count(r.state().value(Metric.REQUESTS_PM)), null), 4);
        add(number("Errors %\n(4xx/5xx)", r -> errorPct(r.state()), r -> EndpointFormat.errors(r.state()),
                r -> over(errorPct(r.state()), 5)), 7.5);
        add(number("Throttles\n%", r -> r.state().value(Metric.THROTTLE_PCT), r -> EndpointFormat.pct(r.state().value(Metric.THROTTLE_PCT)),
                r -> over(r.state().value(Metric.THROTTLE_PCT), 10)), 5.5);
        add(number("Latency ms\np50 / p95", r -> r.state().latencyMs(), r -> EndpointFormat.latency(r.state()),
                r -> r.state().latencyIsAverage() ? "average" : null), 7);
        add(number("Tokens/min\nin / out", r -> r.state().value(Metric.TOKENS_IN_PM), r -> EndpointFormat.tokens(r.state()), null), 7);
        add(number("Probe", r -> r.state().value(Metric.PROBE_MS), r -> EndpointFormat.probe(r.state()),
                r -> probeFailed(r.state()) ? "bad" : null), 12.5);
        add(number("TLS", r -> r.state().value(Metric.TLS_DAYS_LEFT), r -> EndpointFormat.tls(r.state().value(Metric.TLS_DAYS_LEFT)),
                r -> under(r.state().value(Metric.TLS_DAYS_LEFT), 14)), 3.5);
        add(number("Age", r -> r.state().ageSeconds(), r -> EndpointFormat.age(r.state().ageSeconds()), null), 5);
        add(number("Uptime\nmonth", r -> month(r, SlaFigures::uptimePct), r -> EndpointFormat.uptime(month(r, SlaFigures::uptimePct)),
                r -> r.month() != null && r.month().uptimePct() != null && r.month().uptimePct() < r.state().slaTargetPct() ? "bad" : null), 5.5);
        add(number("Budget left\nmonth", r -> r.month() == null || r.month().uptimePct() == null ? null : r.month().budgetLeftSeconds(),
                r -> EndpointFormat.budget(r.month()), r -> EndpointFormat.spent(r.month()) ? "spent" : null), 9);
        add(number("Burn\nrate", r -> month(r, SlaFigures::burnRate), r -> EndpointFormat.burn(month(r, SlaFigures::burnRate)),
                r -> over(month(r, SlaFigures::burnRate), 1.0001)), 4);

        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(EndpointRow item, boolean empty) {
                super.updateItem(item, empty);
                for (EndpointStatus s : EndpointStatus.values()) {
                    EndpointStyle.toggle(this, "ep-row-" + s.wireName(), !empty && item != null && item.state().status() == s);
                }
            }
        });
        table.getSortOrder().add(status);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!updating) {
                onSelect.accept(b == null ? null : b.id());
            }
        });
    }

    TableView<EndpointRow> node() {
        return table;
    }

    /** Replaces the rows, keeping the selected endpoint selected (by id) without firing a selection change. */
    void setRows(List<EndpointRow> newRows, String selectedId) {
        updating = true;
        try {
            rows.setAll(newRows);
            select(selectedId);
        } finally {
            updating = false;
        }
    }

    /** Selects the row of this endpoint (null clears), firing the selection listener unless updating. */
    void select(String id) {
        TableSelection.selectById(table, sorted, EndpointRow::id, id);
    }

    void scale(double fontPx) {
        // the status word and the endpoint name never give way; the others share what is left
        widthsEm.forEach((c, em) -> {
            c.setPrefWidth(em * fontPx);
            c.setMinWidth(c == status || c == table.getColumns().get(1) ? em * fontPx : 3 * fontPx);
        });
        table.setFixedCellSize(Math.round(fontPx * 2.0));
    }

    /** The height that shows the header and every row, no empty filler below. */
    double fittingHeight(double fontPx) {
        return Math.ceil(fontPx * 3.2 + Math.max(1, rows.size()) * table.getFixedCellSize() + 2);
    }

    /** The endpoint id of the first row as sorted (the worst status by default), or null. */
    String firstId() {
        return sorted.isEmpty() ? null : sorted.get(0).id();
    }

    private void add(TableColumn<EndpointRow, ?> c, double em) {
        c.setReorderable(false);
        widthsEm.put(c, em);
        table.getColumns().add(c);
    }

    private static TableColumn<EndpointRow, String> text(String header, Function<EndpointRow, String> value) {
        TableColumn<EndpointRow, String> c = new TableColumn<>(header);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        return c;
    }

    /**
     * A numeric column: sorts by the number (rows without one last when sorting down), shows the formatted text,
     * and adds a style class ("bad", "spent", "average") where the figure needs attention.
     */
    private static TableColumn<EndpointRow, EndpointRow> number(String header, Function<EndpointRow, Double> value,
                                                                Function<EndpointRow, String> shown,
                                                                Function<EndpointRow, String> styleClass) {
        TableColumn<EndpointRow, EndpointRow> c = new TableColumn<>(header);
        c.getStyleClass().add("numeric");
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue()));
        c.setComparator(Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(EndpointRow r, boolean empty) {
                super.updateItem(r, empty);
                String cls = empty || r == null || styleClass == null ? null : styleClass.apply(r);
                for (String c : new String[] {"bad", "spent", "average"}) {
                    EndpointStyle.toggle(this, c, c.equals(cls));
                }
                setText(empty || r == null ? null : shown.apply(r));
            }
        });
        return c;
    }

    static Double errorPct(EndpointState s) {
        Double all = s.value(Metric.ERROR_PCT);
        if (all != null) {
            return all;
        }
        Double c = s.value(Metric.CLIENT_ERROR_PCT);
        Double v = s.value(Metric.SERVER_ERROR_PCT);
        return c == null && v == null ? null : (c == null ? 0 : c) + (v == null ? 0 : v);
    }

    private static boolean probeFailed(EndpointState s) {
        Double up = s.value(Metric.PROBE_UP);
        return up != null && up < 0.5;
    }

    private static Double month(EndpointRow r, Function<SlaFigures, Double> f) {
        return r.month() == null ? null : f.apply(r.month());
    }

    private static String over(Double v, double line) {
        return v != null && v >= line ? "bad" : null;
    }

    private static String under(Double v, double line) {
        return v != null && v < line ? "bad" : null;
    }
}
