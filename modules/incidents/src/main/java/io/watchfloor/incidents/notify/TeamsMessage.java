package io.watchfloor.incidents.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchfloor.config.NotificationConfig;
import java.util.List;

/**
 * A Microsoft Teams message in the shape the Workflows "When a Teams webhook request is received" trigger
 * accepts (and the retired Office 365 connectors did too): one attachment holding an Adaptive Card 1.4 with a
 * title, a fact set, the alerts and a context line.
 */
final class TeamsMessage {
    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TeamsMessage() {
    }

    static ObjectNode render(MessageFacts f) {
        ObjectNode root = JSON.objectNode().put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        // what a Teams activity feed or a screen reader announces
        card.put("fallbackText", f.headline());
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");

        body.addObject().put("type", "TextBlock").put("size", "Large").put("weight", "Bolder").put("wrap", true)
                .put("color", color(f))
                .put("text", f.mark() + " " + f.headline());

        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Status", f.status());
        fact(facts, "Severity", f.severity());
        fact(facts, "Lead", f.lead());
        fact(facts, "Ack deadline", f.ackDeadline());
        if (f.acknowledged() != null) {
            fact(facts, "Acknowledged", f.acknowledged());
        }
        if (f.timeToResolve() != null) {
            fact(facts, "Time to resolve", f.timeToResolve());
        }

        List<String> alerts = f.alertLines();
        if (!alerts.isEmpty()) {
            body.addObject().put("type", "TextBlock").put("weight", "Bolder").put("spacing", "Medium")
                    .put("text", "Alerts");
            StringBuilder list = new StringBuilder();
            for (String line : alerts) {
                list.append(list.isEmpty() ? "" : "\n").append("- ").append(line);
            }
            body.addObject().put("type", "TextBlock").put("wrap", true).put("text", list.toString());
        }

        body.addObject().put("type", "TextBlock").put("isSubtle", true).put("size", "Small").put("wrap", true)
                .put("spacing", "Medium").put("text", f.context());
        return root;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value);
    }

    /** Adaptive Card colour names: red for P1/P2, amber for P3/P4, green once resolved. */
    private static String color(MessageFacts f) {
        if (f.kind() == NotificationConfig.Event.RESOLVED) {
            return "Good";
        }
        return switch (f.incident().severity()) {
            case P1, P2 -> "Attention";
            case P3, P4 -> "Warning";
        };
    }
}
