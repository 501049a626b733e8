package io.watchfloor.app.ui.usage;

import io.watchfloor.usage.CostLine;
import io.watchfloor.usage.EndpointUsage;
import io.watchfloor.usage.UsageFigures;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * One row per endpoint with the summary's columns. Columns sort by the number, not its text ("9 k" below "12 k"),
 * and rows without a figure sort last either way.
 */
final class EndpointUsageTable {
    private final TableView<EndpointUsage> table = new TableView<>();
    private final javafx.collections.ObservableList<EndpointUsage> rows = FXCollections.observableArrayList();
    private double fontPx = 15;

    EndpointUsageTable() {
        table.getStyleClass().add("usage-table");
        SortedList<EndpointUsage> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No endpoints in this scope."));

        TableColumn<EndpointUsage, String> name = new TableColumn<>("Endpoint");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name() == null
                || c.getValue().name().isBlank() ? c.getValue().endpointId() : c.getValue().name()));
        name.setPrefWidth(200);
        table.getColumns().add(name);
        table.getColumns().add(number("Requests", e -> e.usage().requests(), UsageFormat::count, 90));
        table.getColumns().add(text("Δ requests", e -> UsageFormat.change(e.usage().requests(),
                e.previous() != null && e.previous().hasData() ? e.previous().requests() : null), 90));
        table.getColumns().add(number("Tokens in", e -> e.usage().tokensIn(), UsageFormat::count, 90));
        table.getColumns().add(number("Tokens out", e -> e.usage().tokensOut(), UsageFormat::count, 90));
        table.getColumns().add(number("Errors", e -> e.usage().errorPct(), UsageFormat::pct, 80));
        table.getColumns().add(number("Throttled", e -> e.usage().throttlePct(), UsageFormat::pct, 80));
        table.getColumns().add(number("p50", e -> latency(e.usage()), UsageFormat::ms, 70));
        table.getColumns().add(number("p95", e -> e.usage().p95Ms(), UsageFormat::ms, 70));
        table.getColumns().add(number("Uptime", e -> e.sla() == null || !e.sla().measured() ? null
                : e.sla().uptimePct(), UsageFormat::pct, 85));
        table.getColumns().add(number("Budget used", e -> UsageFormat.budgetUsedPct(e.sla()),
                v -> String.format(java.util.Locale.ROOT, "%.0f %%", v), 85));
        table.getColumns().add(number("Cost", EndpointUsageTable::cost, v -> String.format(java.util.Locale.ROOT,
                "%,.2f", v), 90));
    }

    private static Double latency(UsageFigures f) {
        return f.p50Ms() != null ? f.p50Ms() : f.avgMs();
    }

    /** The endpoint's cost when it is in one currency (a row in two would not sort); null when not priced. */
    private static Double cost(EndpointUsage e) {
        if (e.cost().isEmpty() || e.cost().stream().map(CostLine::currency).distinct().count() > 1) {
            return null;
        }
        return e.cost().stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
    }

    private static TableColumn<EndpointUsage, Double> number(String title, Function<EndpointUsage, Double> value,
                                                             Function<Double, String> format, double width) {
        TableColumn<EndpointUsage, Double> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v == null ? UsageFormat.NONE : format.apply(v));
            }
        });
        col.getStyleClass().add("usage-number");
        col.setPrefWidth(width);
        return col;
    }

    private static TableColumn<EndpointUsage, String> text(String title, Function<EndpointUsage, String> value,
                                                           double width) {
        TableColumn<EndpointUsage, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> {
            String v = value.apply(c.getValue());
            return new ReadOnlyObjectWrapper<>(v == null ? UsageFormat.NONE : v);
        });
        col.setSortable(false);
        col.getStyleClass().add("usage-number");
        col.setPrefWidth(width);
        return col;
    }

    void show(List<EndpointUsage> endpoints) {
        rows.setAll(endpoints);
        fit();
    }

    /** Rows follow the page's font size. */
    void scale(double fontPx) {
        this.fontPx = fontPx;
        table.setFixedCellSize(Math.round(fontPx * 1.9));
        fit();
    }

    /** Tall enough for every row: the page scrolls, the table does not scroll inside it. */
    private void fit() {
        double cell = table.getFixedCellSize() > 0 ? table.getFixedCellSize() : 28;
        double h = Math.max(rows.size(), 1) * cell + Math.round(fontPx * 2.3); // rows + the header
        table.setPrefHeight(h);
        table.setMinHeight(h);
    }

    TableView<EndpointUsage> node() {
        return table;
    }
}
