package io.watchfloor.incidents.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Slack incoming-webhook message: {@code text} (what notifications and old clients show) plus Block Kit
 * {@code blocks}: a header, a section of fields, the alerts, and a context line. Slack's limits are kept: a
 * header holds 150 characters of plain text, a section text or field 3000 and 2000 of mrkdwn.
 */
final class SlackMessage {
    static final int HEADER_MAX = 150;
    static final int TEXT_MAX = 3000;
    static final int FIELD_MAX = 2000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SlackMessage() {
    }

    static ObjectNode render(MessageFacts f) {
        ObjectNode root = JSON.objectNode();
        root.put("text", cut(f.mark() + " " + f.headline(), TEXT_MAX));
        ArrayNode blocks = root.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("emoji", true)
                .put("text", cut(f.mark() + " " + f.headline(), HEADER_MAX));

        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Status", f.status());
        field(fields, "Severity", f.severity());
        field(fields, "Lead", f.lead());
        field(fields, "Ack deadline", f.ackDeadline());
        if (f.acknowledged() != null) {
            field(fields, "Acknowledged", f.acknowledged());
        }
        if (f.timeToResolve() != null) {
            field(fields, "Time to resolve", f.timeToResolve());
        }

        List<String> alerts = f.alertLines();
        if (!alerts.isEmpty()) {
            StringBuilder text = new StringBuilder("*Alerts*");
            for (String line : alerts) {
                text.append("\n\u2022 ").append(escape(line));
            }
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", cut(text.toString(), TEXT_MAX));
        }

        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", cut(escape(f.context()), TEXT_MAX));
        return root;
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", cut("*" + name + "*\n" + escape(value), FIELD_MAX));
    }

    /** mrkdwn reads &, < and > as markup (links, mentions); text from alerts must show as written. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return MessageFacts.cut(text, max);
    }
}
