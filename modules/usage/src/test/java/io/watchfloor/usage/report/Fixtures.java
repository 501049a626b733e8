package io.watchfloor.usage.report;

import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.CustomerConfig;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.config.PriceModel;
import io.watchfloor.config.PriceTable;
import io.watchfloor.config.Provider;
import io.watchfloor.config.SlaConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.endpoint.MaintenanceWindow;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Configuration records for report tests. */
final class Fixtures {
    private Fixtures() {
    }

    static EndpointConfig endpoint(String id, String customer, Double targetPct) {
        return new EndpointConfig(id, id + " name", Provider.OPENAI_COMPATIBLE, URI.create("http://" + id + ":8000/v1"),
                null, Map.of(), null, targetPct == null ? null : new SlaConfig(targetPct, 50, 5000), customer, null);
    }

    static PriceTable table(String from, String in, String out, String hour) {
        return new PriceTable(LocalDate.parse(from), in == null ? null : new BigDecimal(in),
                out == null ? null : new BigDecimal(out), hour == null ? null : new BigDecimal(hour));
    }

    static PriceModel price(String model, List<String> endpoints, List<String> hosts, PriceTable... tables) {
        return new PriceModel(model, "USD", endpoints, hosts, List.of(tables));
    }

    static WatchfloorConfig config(List<EndpointConfig> endpoints, List<CustomerConfig> customers,
                                   List<PriceModel> prices, List<MaintenanceWindow> maintenance) {
        return new WatchfloorConfig(null, List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS, endpoints,
                maintenance, IncidentsConfig.DEFAULTS, List.of(), customers, prices);
    }
}
