package io.watchfloor.app.ui.wall;

import io.watchfloor.model.TileState;
import java.util.List;

/** One host's tiles as judged at a moment, in display order (GPU index, then MIG instance). */
public record HostGroup(String host, List<TileState> tiles) {
    public HostGroup {
        tiles = List.copyOf(tiles);
    }
}
