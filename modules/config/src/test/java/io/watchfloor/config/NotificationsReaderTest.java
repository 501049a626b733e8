package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.parse;
import static io.watchfloor.config.ConfigAssertions.problems;
import static io.watchfloor.config.ConfigAssertions.withSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.NotificationConfig.Event;
import io.watchfloor.config.NotificationConfig.Kind;
import io.watchfloor.model.incident.Severity;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code notifications:}: Slack and Teams webhooks and PagerDuty. A webhook URL is a credential (anyone holding it
 * can post), so no problem message may quote it, however it is malformed or wherever it was written.
 */
class NotificationsReaderTest {
    private static final String SLACK_URL = "https://hooks.slack.com/services/T0AAA/B0BBB/SECRETxyz123";
    private static final String TEAMS_URL = "https://contoso.webhook.office.com/webhookb2/SECRETteams456";
    private static final String ROUTING_KEY = "SECRETroutingkey0123456789abcdef";
    private static final String KEYS = "id, type, url, routingKey, events, minSeverity";
    private static final String EVENTS_EXPECTED = "expected a list of events: opened, acknowledged, resolved";

    @Test
    void readsSlackTeamsAndPagerDutyFromTheEnvironment() throws Exception {
        WatchfloorConfig config = parse(withSource("""
                notifications:
                  - id: slack-ops
                    type: slack
                    url: ${SLACK_WEBHOOK_URL}
                  - id: teams-noc
                    type: Teams
                    url: ${TEAMS_WEBHOOK_URL}
                    events: [opened, RESOLVED]
                    minSeverity: p2
                  - id: pd-gpu
                    type: pagerduty
                    routingKey: ${PAGERDUTY_ROUTING_KEY}
                """), Map.of("SLACK_WEBHOOK_URL", SLACK_URL, "TEAMS_WEBHOOK_URL", TEAMS_URL,
                "PAGERDUTY_ROUTING_KEY", ROUTING_KEY));

        List<NotificationConfig> n = config.notifications();
        assertThat(n).extracting(NotificationConfig::id).containsExactly("slack-ops", "teams-noc", "pd-gpu");
        assertThat(n.get(0)).isEqualTo(new NotificationConfig("slack-ops", Kind.SLACK, URI.create(SLACK_URL), true, null,
                EnumSet.allOf(Event.class), Severity.P4));
        assertThat(n.get(1)).isEqualTo(new NotificationConfig("teams-noc", Kind.TEAMS, URI.create(TEAMS_URL), true, null,
                EnumSet.of(Event.OPENED, Event.RESOLVED), Severity.P2));
        assertThat(n.get(2)).isEqualTo(new NotificationConfig("pd-gpu", Kind.PAGERDUTY,
                URI.create("https://events.pagerduty.com/v2/enqueue"), false, new Secret(ROUTING_KEY),
                EnumSet.allOf(Event.class), Severity.P4));
        // what a log line of the config shows
        assertThat(config.toString()).doesNotContain("SECRET").contains("***");
    }

    @Test
    void placeholdersMayBePartOfTheUrlAndPagerDutyMayHaveItsOwnUrl() throws Exception {
        List<NotificationConfig> n = parse(withSource("""
                notifications:
                  - {id: s, type: slack, url: "https://hooks.slack.com/services/${SLACK_TOKEN}"}
                  - {id: p, type: pagerduty, url: "https://events.eu.pagerduty.com/v2/enqueue", routingKey: k}
                """), Map.of("SLACK_TOKEN", "T0/B0/SECRETxyz123")).notifications();

        assertThat(n.get(0).url()).isEqualTo(URI.create("https://hooks.slack.com/services/T0/B0/SECRETxyz123"));
        assertThat(n.get(1).url()).isEqualTo(URI.create("https://events.eu.pagerduty.com/v2/enqueue"));
        assertThat(n.get(1).routingKey()).isEqualTo(new Secret("k"));
    }

    @Test
    void noChannelsIsFine() throws Exception {
        assertThat(parse(withSource("notifications:\n")).notifications()).isEmpty();
        assertThat(parse(withSource("notifications: []\n")).notifications()).isEmpty();
        assertThat(parse(withSource("")).notifications()).isEmpty();
    }

    @Test
    void eachEntrysMistakesAtTheirPlace() {
        assertThat(problems(withSource("""
                notifications:
                  - id: pd
                    type: pagerduty
                  - id: pd-empty
                    type: pagerduty
                    routingKey: ""
                  - id: slack-key
                    type: slack
                    url: https://hooks.slack.com/services/T0/B0/SECRETxyz123
                    routingKey: abc
                  - id: teams
                    type: teams
                  - id: x
                    type: slak
                  - type: slack
                    url: https://hooks.slack.com/services/T0/B0/SECRETxyz123
                    minSeverty: P1
                """))).containsExactly(
                "5:5: notifications[0]: missing required key \"routingKey\"; expected the integration's routing key, "
                        + "usually ${PAGERDUTY_ROUTING_KEY}",
                "9:17: notifications[1].routingKey: is empty; expected a routing key",
                "13:17: notifications[2].routingKey: is only for pagerduty; a slack channel is addressed by its webhook "
                        + "url alone",
                "14:5: notifications[3]: missing required key \"url\"; expected the incoming webhook URL, usually "
                        + "${TEAMS_WEBHOOK_URL}",
                "17:11: notifications[4].type: \"slak\" is not a channel type (did you mean \"slack\"?); expected slack, "
                        + "teams or pagerduty",
                "18:5: notifications[5]: missing required key \"id\"; expected a short name such as slack-ops",
                "20:5: notifications[5]: unknown key \"minSeverty\" (did you mean \"minSeverity\"? expected one of: " + KEYS
                        + ")");
    }

    @Test
    void idsAreNamesAndUnique() {
        assertThat(problems(withSource("""
                notifications:
                  - {id: ops, type: slack, url: "https://hooks.slack.com/services/A"}
                  - {id: ops, type: teams, url: "https://contoso.webhook.office.com/x"}
                  - {id: "ops chat", type: slack, url: "https://hooks.slack.com/services/B"}
                  - {id: "", type: slack, url: "https://hooks.slack.com/services/C"}
                """))).containsExactly(
                "6:10: notifications[1].id: duplicate channel id \"ops\" (first defined at line 5); expected a unique id "
                        + "per channel",
                "7:10: notifications[2].id: \"ops chat\" is not a valid id; expected letters, digits, '.', '_' or '-', "
                        + "such as slack-ops",
                "8:10: notifications[3].id: \"\" is not a valid id; expected letters, digits, '.', '_' or '-', such as "
                        + "slack-ops");
    }

    @Test
    void eventsAndMinSeverity() {
        assertThat(problems(withSource("""
                notifications:
                  - id: s
                    type: slack
                    url: https://hooks.slack.com/services/A
                    events: [opened, paged]
                    minSeverity: P5
                  - {id: t, type: teams, url: "https://contoso.webhook.office.com/x", events: []}
                  - {id: u, type: teams, url: "https://contoso.webhook.office.com/x", events: opened}
                """))).containsExactly(
                "8:22: notifications[0].events[1]: \"paged\" is not an event; " + EVENTS_EXPECTED,
                "9:18: notifications[0].minSeverity: \"P5\" is not a severity; expected P1, P2, P3 or P4",
                "10:79: notifications[1].events: is empty; " + EVENTS_EXPECTED,
                "11:79: notifications[2].events: is a single value; " + EVENTS_EXPECTED);
    }

    @Test
    void aWrongAddressDoesNotHideTheEntrysOtherMistakes() {
        assertThat(problems(withSource("""
                notifications:
                  - {id: s, type: slack, url: "not a url", minSeverity: high}
                """))).containsExactly(
                "5:31: notifications[0].url: is not a valid URL (not shown: a webhook URL is a credential); expected an "
                        + "https webhook URL",
                "5:57: notifications[0].minSeverity: \"high\" is not a severity; expected P1, P2, P3 or P4");
    }

    @Test
    void anUnsetVariableIsNamedNotShown() {
        assertThat(problems(withSource("""
                notifications:
                  - id: slack-ops
                    type: slack
                    url: ${SLACK_WEBHOOK_URL}
                  - {id: pd, type: pagerduty, routingKey: "${PD_KEY}"}
                """))).containsExactly(
                "7:10: notifications[0].url: environment variable SLACK_WEBHOOK_URL is not set (set it, or give a default "
                        + "as in ${SLACK_WEBHOOK_URL:-value})",
                "8:43: notifications[1].routingKey: environment variable PD_KEY is not set (set it, or give a default as "
                        + "in ${PD_KEY:-value})");
    }

    @Test
    void notAListIsAProblem() {
        assertThat(problems(withSource("notifications: {id: x}\n"))).containsExactly(
                "4:16: notifications: is a mapping; expected a list of channels, each with id and type (slack, teams or "
                        + "pagerduty)");
    }

    /** Webhook URLs written wrongly, in the wrong place, or malformed by the environment. */
    static Stream<String> malformedWebhooks() {
        return Stream.of(
                "notifications:\n  - {id: s, type: slack, url: hooks.slack.com/services/T0/B0/SECRETxyz123}\n",
                "notifications:\n  - {id: s, type: slack, url: \"https://hooks slack.com/services/SECRETxyz123\"}\n",
                "notifications:\n  - {id: s, type: slack, url: ftp://hooks.slack.com/services/SECRETxyz123}\n",
                "notifications:\n  - {id: s, type: teams, url: \"https:///webhookb2/SECRETxyz123\"}\n",
                "notifications:\n  - {id: s, type: slack, url: [https://hooks.slack.com/services/SECRETxyz123]}\n",
                "notifications:\n  - {id: s, type: slack, url: {u: https://hooks.slack.com/services/SECRETxyz123}}\n",
                "notifications:\n  - {id: s, type: slack, url: \"${BAD_URL}\"}\n",
                "notifications:\n  - {id: s, type: slack, url: \"https://${BAD_HOST}/services/SECRETxyz123\"}\n",
                "notifications: https://hooks.slack.com/services/T0/B0/SECRETxyz123\n",
                "notifications:\n  - https://hooks.slack.com/services/T0/B0/SECRETxyz123\n",
                "notifications:\n  - {id: s, type: \"https://hooks.slack.com/services/SECRETxyz123\"}\n",
                "notifications:\n  - {id: \"https://hooks.slack.com/services/SECRETxyz123\", type: slack, url: x}\n",
                "notifications:\n  - {id: s, type: slack, webhook: https://hooks.slack.com/services/SECRETxyz123}\n",
                "notifications:\n  - {id: s, type: slack, url: \"https://hooks.slack.com/services/A\","
                        + " events: [https://hooks.slack.com/services/SECRETxyz123],"
                        + " minSeverity: https://hooks.slack.com/services/SECRETxyz123}\n",
                "notifications:\n  - id: s\n    type: slack\n    url: https://hooks.slack.com/services/SECRETxyz123\n"
                        + "    url: https://hooks.slack.com/services/SECRETxyz124\n",
                "notifications:\n  - {id: s, type: pagerduty, routingKey: [SECRETxyz123]}\n");
    }

    @ParameterizedTest
    @MethodSource("malformedWebhooks")
    void aWebhookUrlIsNeverQuotedInAProblem(String section) {
        List<String> found = problems(withSource(section), Map.of("BAD_URL", "hooks.slack.com/T0/SECRETxyz123",
                "BAD_HOST", "hooks slack.com"));
        assertThat(found).isNotEmpty().noneMatch(p -> p.contains("SECRET"));
    }
}
