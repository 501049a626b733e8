package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.parse;
import static io.watchfloor.config.ConfigAssertions.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code customers:}: who owns which endpoints and hosts. An endpoint belongs to one customer, whether a customer
 * lists it or it names its customer itself; every disagreement is reported where it was written.
 */
class CustomersReaderTest {
    private static final String KEYS = "id, name, endpoints, hosts, zone";
    private static final String ONE_OWNER = "expected each endpoint and host under one customer";

    /** Three probed endpoints on lines 4 to 7; what a test adds starts on line 8. */
    private static String withEndpoints(String rest) {
        return """
                sources:
                  - {id: prom-main, type: prometheus}
                endpoints:
                  - {id: gpt4o-eastus, provider: openai-compatible, url: "http://10.0.0.1:8000/v1", probe: {}}
                  - {id: llama-onprem, provider: openai-compatible, url: "http://10.0.0.2:8000/v1", probe: {}}
                  - {id: mistral, provider: openai-compatible, url: "http://10.0.0.3:8000/v1", probe: {},
                     customer: globex}
                """ + rest;
    }

    @Test
    void readsCustomersWithTheirZoneAndDefaults() throws Exception {
        WatchfloorConfig config = parse(withEndpoints("""
                customers:
                  - id: acme
                    name: Acme Corp
                    endpoints: [gpt4o-eastus, llama-onprem]
                    hosts: [gpu-a1, gpu-a2]
                    zone: America/New_York
                  - id: globex
                """));

        assertThat(config.customers()).containsExactly(
                new CustomerConfig("acme", "Acme Corp", List.of("gpt4o-eastus", "llama-onprem"),
                        List.of("gpu-a1", "gpu-a2"), ZoneId.of("America/New_York")),
                new CustomerConfig("globex", "globex", List.of(), List.of(), ZoneOffset.UTC));
        assertThat(config.customer("globex").name()).isEqualTo("globex");
        assertThat(config.endpointsOf("acme")).extracting(EndpointConfig::id)
                .containsExactly("gpt4o-eastus", "llama-onprem");
        // mistral names globex itself
        assertThat(config.endpointsOf("globex")).extracting(EndpointConfig::id).containsExactly("mistral");
    }

    @Test
    void anEndpointsCustomerIsTheOneItNamesOrTheOneListingIt() throws Exception {
        WatchfloorConfig config = parse(withEndpoints("""
                customers:
                  - {id: acme, endpoints: [gpt4o-eastus], zone: Europe/Berlin}
                  - {id: globex}
                """));
        assertThat(config.customerOf("gpt4o-eastus").id()).isEqualTo("acme");
        assertThat(config.customerOf("mistral").id()).isEqualTo("globex");
        assertThat(config.customerOf("llama-onprem")).isNull();
        assertThat(config.customerOf("no-such-endpoint")).isNull();
    }

    @Test
    void anEndpointMayBeBothListedAndNameTheSameCustomer() throws Exception {
        WatchfloorConfig config = parse(withEndpoints("""
                customers:
                  - {id: globex, endpoints: [mistral]}
                """));
        assertThat(config.endpointsOf("globex")).extracting(EndpointConfig::id).containsExactly("mistral");
    }

    @Test
    void withoutACustomersSectionTheEndpointsNameTheirCustomers() throws Exception {
        WatchfloorConfig config = parse(withEndpoints(""));

        assertThat(config.customers()).containsExactly(
                new CustomerConfig("globex", null, List.of(), List.of(), null));
        assertThat(config.customer("globex").name()).isEqualTo("globex");
        assertThat(config.customer("globex").zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(config.endpointsOf("globex")).extracting(EndpointConfig::id).containsExactly("mistral");
        // an empty section (every entry commented out) is no section
        assertThat(parse(withEndpoints("customers:\n")).customers()).extracting(CustomerConfig::id)
                .containsExactly("globex");
    }

    @Test
    void noCustomersAnywhereIsFine() throws Exception {
        assertThat(parse(ConfigAssertions.withSource("")).customers()).isEmpty();
        assertThat(parse(ConfigAssertions.withSource("customers: []\n")).customers()).isEmpty();
    }

    @Test
    void eachCustomersMistakesAtTheirPlace() {
        assertThat(problems(withEndpoints("""
                customers:
                  - id: acme
                    endpoints: [gpt4o-eastus, gpt4o-eastsu, nothing-like-it]
                    zone: Europe/Berln
                  - id: acme
                    zone: Mars/Olympus
                  - id: initech
                    name: ""
                    endpints: [llama-onprem]
                  - name: Hooli
                  - id: "two words"
                """))).containsExactly(
                "7:16: endpoints[2].customer: no customer has id \"globex\"; expected the id of an entry under customers:",
                "10:31: customers[0].endpoints[1]: no endpoint has id \"gpt4o-eastsu\" (did you mean \"gpt4o-eastus\"?); "
                        + "expected the id of an entry under endpoints:",
                "10:45: customers[0].endpoints[2]: no endpoint has id \"nothing-like-it\"; expected the id of an entry "
                        + "under endpoints:",
                "11:11: customers[0].zone: \"Europe/Berln\" is not a time zone (did you mean \"Europe/Berlin\"?); "
                        + "expected a zone such as UTC or Europe/Berlin",
                "12:9: customers[1].id: duplicate customer id \"acme\" (first defined at line 9); expected a unique id "
                        + "per customer",
                "13:11: customers[1].zone: \"Mars/Olympus\" is not a time zone; expected a zone such as UTC or "
                        + "Europe/Berlin",
                "15:11: customers[2].name: is empty; expected a display name such as \"Acme Corp\", or no name: to show "
                        + "the id",
                "16:5: customers[2]: unknown key \"endpints\" (did you mean \"endpoints\"? expected one of: " + KEYS + ")",
                "17:5: customers[3]: missing required key \"id\"; expected a short id such as acme",
                "18:9: customers[4].id: \"two words\" is not a valid id; expected letters, digits, '.', '_' or '-', "
                        + "such as acme");
    }

    @Test
    void anEndpointOrHostBelongsToOneCustomer() {
        assertThat(problems(withEndpoints("""
                customers:
                  - id: acme
                    endpoints: [gpt4o-eastus, mistral, gpt4o-eastus]
                    hosts: [gpu-a1]
                  - id: globex
                    endpoints: [gpt4o-eastus]
                    hosts: [gpu-a1]
                """))).containsExactly(
                "7:16: endpoints[2].customer: names customer \"globex\", but customer \"acme\" lists endpoint \"mistral\" "
                        + "(line 10); " + ONE_OWNER,
                "10:40: customers[0].endpoints[2]: endpoint \"gpt4o-eastus\" is already listed at line 10; " + ONE_OWNER,
                "13:17: customers[1].endpoints[0]: endpoint \"gpt4o-eastus\" is already listed under customer \"acme\" "
                        + "(line 10); " + ONE_OWNER,
                "14:13: customers[1].hosts[0]: host \"gpu-a1\" is already listed under customer \"acme\" (line 11); "
                        + ONE_OWNER);
    }

    @Test
    void anEndpointsCustomerMustBeListedWhenThereIsAList() {
        assertThat(problems("""
                sources:
                  - {id: prom-main, type: prometheus}
                endpoints:
                  - {id: a, provider: openai-compatible, url: "http://10.0.0.1:8000/v1", probe: {}, customer: acm}
                customers:
                  - id: acme
                """)).containsExactly(
                "4:95: endpoints[0].customer: no customer has id \"acm\" (did you mean \"acme\"?); expected the id of "
                        + "an entry under customers:");
    }

    @Test
    void sectionsOfTheWrongShape() {
        assertThat(problems(withEndpoints("""
                customers:
                  - {id: acme, endpoints: gpt4o-eastus, hosts: {gpu: a1}}
                  - acme
                """))).containsExactly(
                "7:16: endpoints[2].customer: no customer has id \"globex\"; expected the id of an entry under customers:",
                "9:27: customers[0].endpoints: is the value \"gpt4o-eastus\"; expected a list of endpoint ids such as "
                        + "[gpt4o-eastus]",
                "9:48: customers[0].hosts: is a mapping; expected a list of GPU host names as the wall shows them, such as "
                        + "[gpu-a1, gpu-a2]",
                "10:5: customers[1]: is the value \"acme\"; expected a mapping with at least id, such as {id: acme, "
                        + "endpoints: [gpt4o-eastus]}");
        assertThat(problems(ConfigAssertions.withSource("customers: acme\n"))).containsExactly(
                "4:12: customers: is the value \"acme\"; expected a list of customers, each with at least id (start each "
                        + "customer with \"- \")");
    }
}
