package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.parse;
import static io.watchfloor.config.ConfigAssertions.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code prices:}: dated price tables per model. Prices must be exact (cost is reported to the cent), and an endpoint
 * or host must have one price, or its cost would be ambiguous.
 */
class PricesReaderTest {
    private static final String KEYS = "model, currency, endpoints, hosts, tables";
    private static final String TABLE_KEYS = "from, inputPer1k, outputPer1k, instanceHour";
    private static final String PRICE = "expected a price of 0 or more, such as 0.0025";
    private static final String DATE = "expected the date the prices hold from, as YYYY-MM-DD such as 2026-10-01";
    private static final String TABLES = "expected a list of dated prices such as "
            + "- {from: 2026-10-01, inputPer1k: 0.0025, outputPer1k: 0.01}";
    private static final String ONE_MODEL = "expected each endpoint and host priced by one model, so its cost is not "
            + "ambiguous";

    /** Two probed endpoints on lines 4 and 5; what a test adds starts on line 6. */
    private static String withEndpoints(String rest) {
        return """
                sources:
                  - {id: prom-main, type: prometheus}
                endpoints:
                  - {id: gpt4o-eastus, provider: openai-compatible, url: "http://10.0.0.1:8000/v1", probe: {}}
                  - {id: llama-onprem, provider: openai-compatible, url: "http://10.0.0.2:8000/v1", probe: {}}
                """ + rest;
    }

    private static final String TWO_MODELS = withEndpoints("""
            prices:
              - model: gpt-4o
                endpoints: [gpt4o-eastus]
                tables:
                  - {from: 2026-11-15, inputPer1k: 0.002, outputPer1k: 0.008}
                  - {from: 2026-10-01, inputPer1k: 0.0025, outputPer1k: 0.01}
              - model: llama-3.1-70b-dedicated
                currency: EUR
                endpoints: [llama-onprem]
                hosts: [gpu-a1, gpu-a2]
                tables:
                  - {from: 2026-01-01, instanceHour: 12.40}
            """);

    @Test
    void readsPricesExactlyAsWritten() throws Exception {
        List<PriceModel> prices = parse(TWO_MODELS).prices();

        assertThat(prices).hasSize(2);
        PriceModel gpt = prices.get(0);
        assertThat(gpt.model()).isEqualTo("gpt-4o");
        assertThat(gpt.currency()).isEqualTo("USD");
        assertThat(gpt.endpoints()).containsExactly("gpt4o-eastus");
        assertThat(gpt.hosts()).isEmpty();
        // ordered by date whatever the file's order; BigDecimal equals compares scale too, so these are the digits
        // as written, not a double's nearest neighbour
        assertThat(gpt.tables()).containsExactly(
                new PriceTable(LocalDate.of(2026, 10, 1), new BigDecimal("0.0025"), new BigDecimal("0.01"), null),
                new PriceTable(LocalDate.of(2026, 11, 15), new BigDecimal("0.002"), new BigDecimal("0.008"), null));
        assertThat(gpt.tables().get(0).inputPer1k().toPlainString()).isEqualTo("0.0025");

        PriceModel llama = prices.get(1);
        assertThat(llama.currency()).isEqualTo("EUR");
        assertThat(llama.hosts()).containsExactly("gpu-a1", "gpu-a2");
        assertThat(llama.tables()).containsExactly(
                new PriceTable(LocalDate.of(2026, 1, 1), null, null, new BigDecimal("12.40")));
    }

    @Test
    void pricesThatADoubleWouldRoundStayExact() throws Exception {
        PriceTable t = parse(withEndpoints("""
                prices:
                  - model: m
                    tables: [{from: 2026-01-01, inputPer1k: 0.1000000000000000055511151231257827, outputPer1k: "0.3",
                              instanceHour: 0}]
                """)).prices().get(0).tables().get(0);
        assertThat(t.inputPer1k()).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(t.outputPer1k()).isEqualTo(new BigDecimal("0.3"));
        assertThat(t.instanceHour()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void theTableInForceChangesOnItsDate() throws Exception {
        PriceModel gpt = parse(TWO_MODELS).prices().get(0);

        assertThat(gpt.tableOn(LocalDate.of(2026, 9, 30))).isNull();
        assertThat(gpt.tableOn(LocalDate.of(2026, 10, 1)).inputPer1k()).isEqualTo(new BigDecimal("0.0025"));
        assertThat(gpt.tableOn(LocalDate.of(2026, 11, 14)).inputPer1k()).isEqualTo(new BigDecimal("0.0025"));
        assertThat(gpt.tableOn(LocalDate.of(2026, 11, 15)).inputPer1k()).isEqualTo(new BigDecimal("0.002"));
        assertThat(gpt.tableOn(LocalDate.of(2027, 6, 1)).outputPer1k()).isEqualTo(new BigDecimal("0.008"));
    }

    @Test
    void noPricesIsFine() throws Exception {
        assertThat(parse(withEndpoints("prices:\n")).prices()).isEmpty();
        assertThat(parse(withEndpoints("prices: []\n")).prices()).isEmpty();
        assertThat(parse(withEndpoints("")).prices()).isEmpty();
    }

    @Test
    void eachModelsMistakesAtTheirPlace() {
        assertThat(problems(withEndpoints("""
                prices:
                  - endpoints: [gpt4o-eastsu]
                    tables: [{from: 2026-01-01, inputPer1k: 0.01}]
                  - model: a
                    currency: usd
                    tables: []
                  - model: b
                  - model: c
                    tables:
                      - {inputPer1k: 0.01}
                      - {from: 2026-02-30, outputPer1k: 0.01}
                      - {from: 2026-01-01}
                      - {from: 2026-03-01, inputPer1k: -0.01, outputPer1k: "1,5", instanceHour: $12}
                      - {from: 2026-04-01, inputPer1k: 0.01}
                      - {from: 2026-04-01, outputPer1k: 0.01, instanceHours: 3}
                  - model: a
                    tables: [{from: 2026-01-01, inputPer1k: 0.01}]
                """))).containsExactly(
                "7:5: prices[0]: missing required key \"model\"; expected the model's name, such as gpt-4o",
                "7:17: prices[0].endpoints[0]: no endpoint has id \"gpt4o-eastsu\" (did you mean \"gpt4o-eastus\"?); "
                        + "expected the id of an entry under endpoints:",
                "10:15: prices[1].currency: \"usd\" is not a currency code; expected an ISO 4217 code of 3 upper-case "
                        + "letters, such as USD or EUR",
                "11:13: prices[1].tables: is empty; " + TABLES,
                "12:5: prices[2]: missing required key \"tables\"; " + TABLES,
                "15:9: prices[3].tables[0]: missing required key \"from\"; " + DATE,
                "16:16: prices[3].tables[1].from: \"2026-02-30\" is not a date; " + DATE,
                "17:9: prices[3].tables[2]: has no price; expected at least one of inputPer1k, outputPer1k (per 1,000 "
                        + "tokens) or instanceHour (per dedicated GPU host and hour)",
                "18:40: prices[3].tables[3].inputPer1k: \"-0.01\" is negative; " + PRICE,
                "18:60: prices[3].tables[3].outputPer1k: \"1,5\" is not a number; " + PRICE,
                "18:81: prices[3].tables[3].instanceHour: \"$12\" is not a number; " + PRICE,
                "20:16: prices[3].tables[5].from: duplicate date 2026-04-01 (first at line 19); expected one table per "
                        + "date, each holding until the next one's date",
                "20:47: prices[3].tables[5]: unknown key \"instanceHours\" (did you mean \"instanceHour\"? expected one "
                        + "of: " + TABLE_KEYS + ")",
                "21:12: prices[4].model: duplicate model \"a\" (first defined at line 9); expected each model once, with "
                        + "all its dated prices under its tables:");
    }

    @Test
    void anEndpointOrHostHasOnePrice() {
        assertThat(problems(withEndpoints("""
                prices:
                  - model: gpt-4o
                    endpoints: [gpt4o-eastus, gpt4o-eastus]
                    tables: [{from: 2026-01-01, inputPer1k: 0.01}]
                  - model: gpt-4o-mini
                    endpoints: [gpt4o-eastus]
                    hosts: [gpu-a1, gpu-a1]
                    tables: [{from: 2026-01-01, inputPer1k: 0.001}]
                  - model: dedicated
                    hosts: [gpu-a1]
                    tables: [{from: 2026-01-01, instanceHour: 10}]
                """))).containsExactly(
                "8:31: prices[0].endpoints[1]: endpoint \"gpt4o-eastus\" is already listed at line 8; " + ONE_MODEL,
                "11:17: prices[1].endpoints[0]: endpoint \"gpt4o-eastus\" is already priced by model \"gpt-4o\" (line 8); "
                        + ONE_MODEL,
                "12:21: prices[1].hosts[1]: host \"gpu-a1\" is already listed at line 12; " + ONE_MODEL,
                "15:13: prices[2].hosts[0]: host \"gpu-a1\" is already priced by model \"gpt-4o-mini\" (line 12); "
                        + ONE_MODEL);
    }

    @Test
    void sectionsOfTheWrongShape() {
        assertThat(problems(withEndpoints("""
                prices:
                  - {model: m, endpoints: gpt4o-eastus, tables: {from: 2026-01-01}}
                  - {model: n, tables: [2026-01-01]}
                """))).containsExactly(
                "7:27: prices[0].endpoints: is the value \"gpt4o-eastus\"; expected a list of endpoint ids such as "
                        + "[gpt4o-eastus]",
                "7:49: prices[0].tables: is a mapping; " + TABLES,
                "8:25: prices[1].tables[0]: is the value \"2026-01-01\"; expected a mapping such as {from: 2026-10-01, "
                        + "inputPer1k: 0.0025, outputPer1k: 0.01} or {from: 2026-10-01, instanceHour: 12.40}");
        assertThat(problems(withEndpoints("prices: {gpt-4o: 0.01}\n"))).containsExactly(
                "6:9: prices: is a mapping; expected a list of models, each with model and tables (start each model "
                        + "with \"- \")");
    }
}
