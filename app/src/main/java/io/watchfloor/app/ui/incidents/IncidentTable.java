package io.watchfloor.app.ui.incidents;

import io.watchfloor.app.ui.TableSelection;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.ResponseState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * The incident list: one row per incident, most urgent first until someone sorts by a column (every column sorts by
 * its meaning: severity by urgency, the response timer by time left). Rows are replaced every second, since the
 * timers move; the selection follows the incident id, so a re-sort never switches the detail to another incident.
 */
final class IncidentTable {
    /** An incident as listed at one moment (the timer depends on the time). */
    record Row(Incident incident, Instant now) {
        String id() {
            return incident.id();
        }
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final FilteredList<Row> filtered = new FilteredList<>(rows);
    private final SortedList<Row> sorted = new SortedList<>(filtered);
    private final TableView<Row> table = new TableView<>(sorted);
    private final Map<TableColumn<Row, ?>, Double> widthsEm = new LinkedHashMap<>();
    private final TableColumn<Row, Row> title;
    private final TableColumn<Row, Row> lead;
    private boolean updating;

    /** What the empty list says. */
    void setEmptyText(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMaxWidth(480);
        table.setPlaceholder(label);
    }

    IncidentTable(Consumer<String> onSelect) {
        table.getStyleClass().addAll("endpoint-table", "incident-table");
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        setEmptyText("No incidents. An alert or \"Open incident…\" starts one.");

        add(cell("Sev", r -> r.incident().severity().name(),
                r -> List.of("sev-cell", IncidentFormat.severityClass(r.incident().severity()))), 3)
                .setComparator(Comparator.comparing(r -> r.incident().severity()));
        add(cell("ID", Row::id, r -> List.of("inc-id")), 4.6)
                .setComparator(Comparator.comparingLong(r -> r.incident().number()));
        title = cell("Title", r -> r.incident().title(), r -> List.of());
        // a title too long for its column is cut with an ellipsis; the whole of it shows on hover
        title.setCellFactory(withTooltip(title.getCellFactory()));
        title.setComparator(Comparator.comparing(r -> r.incident().title(), String.CASE_INSENSITIVE_ORDER));
        add(title, 14);
        add(cell("Status", r -> IncidentFormat.status(r.incident().status()),
                r -> List.of(IncidentFormat.statusClass(r.incident().status()))), 8.6)
                .setComparator(Comparator.comparing(r -> r.incident().status()));
        add(cell("Response", r -> IncidentFormat.timer(r.incident(), r.now()),
                r -> List.of("timer", IncidentFormat.timerClass(r.incident(), r.now()))), 10)
                .setComparator(Comparator.comparingLong(IncidentTable::secondsToSpare));
        add(cell("Steps", r -> IncidentFormat.checklist(r.incident()), r -> List.of("numeric")), 3.8)
                .setComparator(Comparator.comparingDouble(r -> r.incident().checklistTotal() == 0 ? 1
                        : r.incident().checklistDone() / (double) r.incident().checklistTotal()));
        add(cell("Alerts", r -> IncidentFormat.alerts(r.incident()), r -> List.of("numeric")), 4.4)
                .setComparator(Comparator.comparingLong(r -> r.incident().firingAlerts()));
        lead = add(cell("Lead", r -> r.incident().lead() == null ? IncidentFormat.NONE : r.incident().lead(), r -> List.of()), 6);
        lead.setComparator(Comparator.comparing(r -> r.incident().lead() == null ? "" : r.incident().lead(),
                        String.CASE_INSENSITIVE_ORDER));

        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Row item, boolean empty) {
                super.updateItem(item, empty);
                boolean has = !empty && item != null;
                toggle(this, "inc-row-closed", has && !item.incident().status().isOpen());
                toggle(this, "inc-row-breached", has && item.incident().status().isOpen()
                        && item.incident().responseState(item.now()) == ResponseState.BREACHED);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!updating) {
                onSelect.accept(b == null ? null : b.id());
            }
        });
    }

    TableView<Row> node() {
        return table;
    }

    /** Only open incidents (true), or all on the board. Keeps the selection where the incident is still listed. */
    void setOpenOnly(boolean openOnly, String selectedId) {
        updating = true;
        try {
            filtered.setPredicate(openOnly ? r -> r.incident().status().isOpen() : null);
            select(selectedId);
        } finally {
            updating = false;
        }
    }

    /** Replaces the rows (most urgent first), keeping the incident selected by id without firing a selection change. */
    void setRows(List<Incident> incidents, Instant now, String selectedId) {
        updating = true;
        try {
            rows.setAll(incidents.stream().sorted(IncidentOrder.urgency()).map(i -> new Row(i, now)).toList());
            select(selectedId);
        } finally {
            updating = false;
        }
    }

    /** Selects this incident's row (null clears); fires the selection listener unless updating. */
    void select(String id) {
        TableSelection.selectById(table, sorted, Row::id, id);
    }

    /** The first incident as listed (the most urgent by default), or null. */
    String firstId() {
        return sorted.isEmpty() ? null : sorted.get(0).id();
    }

    /** Incident ids top to bottom, as shown. */
    List<String> shownIds() {
        return sorted.stream().map(Row::id).toList();
    }

    boolean lists(String id) {
        return sorted.stream().anyMatch(r -> r.id().equals(id));
    }

    /**
     * Column widths follow the font; every column but the title keeps its width (they hold short words and
     * numbers), the title takes what is left. Below {@link #COMPACT_EM} of width the lead column is left out (the
     * detail shows it), so titles stay readable on a 1366x768 laptop.
     */
    void scale(double fontPx, double widthPx) {
        lead.setVisible(widthPx / fontPx >= COMPACT_EM);
        widthsEm.forEach((c, em) -> {
            if (c == title) {
                c.setMinWidth(8 * fontPx);
                c.setPrefWidth(em * fontPx);
                c.setMaxWidth(Double.MAX_VALUE);
            } else {
                c.setMinWidth(Math.round(em * fontPx));
                c.setPrefWidth(Math.round(em * fontPx));
                c.setMaxWidth(Math.round(em * fontPx));
            }
        });
        table.setFixedCellSize(Math.round(fontPx * 2.0));
    }

    /** The width in em under which the lead column is left out. */
    static final double COMPACT_EM = 58;

    /**
     * Seconds left to acknowledge (negative when breached), so sorting up puts the most pressing first; an
     * acknowledged incident has all the time in the world, and an earlier acknowledgement sorts before a later one.
     */
    static long secondsToSpare(Row r) {
        Incident i = r.incident();
        if (!i.status().isOpen() && !i.isAcknowledged()) {
            return Long.MAX_VALUE / 2 + Integer.MAX_VALUE; // resolved unacknowledged: no time is running
        }
        if (i.isAcknowledged()) {
            Duration tta = i.timeToAcknowledge();
            return Long.MAX_VALUE / 2 + (tta == null ? 0 : tta.toSeconds());
        }
        return Duration.between(r.now(), i.ackDeadline()).toSeconds();
    }

    private TableColumn<Row, Row> add(TableColumn<Row, Row> c, double em) {
        c.setReorderable(false);
        widthsEm.put(c, em);
        table.getColumns().add(c);
        return c;
    }

    /** A column whose value is the whole row (so cells redraw every second), shown as text with style classes. */
    private static TableColumn<Row, Row> cell(String header, Function<Row, String> text,
                                              Function<Row, List<String>> classes) {
        TableColumn<Row, Row> c = new TableColumn<>(header);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private List<String> applied = List.of();

            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll(applied);
                if (empty || r == null) {
                    applied = List.of();
                    setText(null);
                    return;
                }
                applied = classes.apply(r);
                getStyleClass().addAll(applied);
                setText(text.apply(r));
            }
        });
        return c;
    }

    private static javafx.util.Callback<TableColumn<Row, Row>, TableCell<Row, Row>> withTooltip(
            javafx.util.Callback<TableColumn<Row, Row>, TableCell<Row, Row>> cells) {
        return col -> {
            TableCell<Row, Row> c = cells.call(col);
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
            tip.textProperty().bind(c.textProperty());
            c.tooltipProperty().bind(c.textProperty().map(t -> t == null || t.isEmpty() ? null : tip));
            return c;
        };
    }

    static void toggle(javafx.scene.Node n, String styleClass, boolean on) {
        if (on) {
            if (!n.getStyleClass().contains(styleClass)) {
                n.getStyleClass().add(styleClass);
            }
        } else {
            n.getStyleClass().remove(styleClass);
        }
    }
}
