package io.watchfloor.app.ui;

import java.util.List;
import java.util.function.Function;
import javafx.scene.control.TableView;

/** Keeping a table's selection on the same item (by id) while its rows are replaced. */
public final class TableSelection {
    private TableSelection() {
    }

    /**
     * Selects the row of {@code shown} (the table's rows in display order) whose id is {@code id}; clears the
     * selection when {@code id} is null or not listed. Leaves a selection that is already right alone, so no
     * selection change fires for it.
     */
    public static <T> void selectById(TableView<T> table, List<T> shown, Function<T, String> idOf, String id) {
        if (id != null) {
            for (int i = 0; i < shown.size(); i++) {
                if (idOf.apply(shown.get(i)).equals(id)) {
                    if (table.getSelectionModel().getSelectedIndex() != i) {
                        table.getSelectionModel().clearAndSelect(i);
                    }
                    return;
                }
            }
        }
        table.getSelectionModel().clearSelection();
    }
}
