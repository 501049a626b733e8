package io.watchfloor.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A list of names such as {@code endpoints: [gpt4o-eastus, llama-onprem]}. Each name keeps where it was written,
 * because the checks that need it (is it configured, does another entry claim it too) come after the list is read.
 */
final class NameList {
    /** One name and where it was written. */
    record Item(String value, Node node, String path) {
    }

    static final String ENDPOINT_EXPECTED = "expected the id of an entry under endpoints:";

    private NameList() {
    }

    /**
     * The non-empty names of a list; an empty value reads as an empty list. Each problem is reported, and that item
     * is left out.
     *
     * @param expected what the list holds, for messages, such as "expected a list of endpoint ids such as [a, b]"
     */
    static List<Item> read(NodeReader reader, Node node, String path, String expected) {
        if (NodeReader.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, path, NodeReader.kind(node, false) + "; " + expected);
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String itemPath = path + "[" + i + "]";
            ScalarText text = reader.text(item, itemPath, expected);
            if (text != null && text.value().isBlank()) {
                reader.report(item, itemPath, "is empty; " + expected);
            } else if (text != null) {
                items.add(new Item(text.value().strip(), item, itemPath));
            }
        }
        return items;
    }

    /** Whether the item names a configured endpoint; reports it with a "did you mean" when it does not. */
    static boolean isEndpoint(NodeReader reader, Item item, Collection<String> endpointIds) {
        if (endpointIds.contains(item.value())) {
            return true;
        }
        Optional<String> suggestion = KeySuggestions.closest(item.value(), endpointIds);
        reader.report(item.node(), item.path(), "no endpoint has id " + ScalarText.quote(item.value())
                + suggestion.map(x -> " (did you mean " + ScalarText.quote(x) + "?)").orElse("") + "; "
                + ENDPOINT_EXPECTED);
        return false;
    }
}
