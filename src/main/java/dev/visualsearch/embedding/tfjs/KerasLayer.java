package dev.visualsearch.embedding.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One layer of a Keras functional-model topology: its type, config and the layers it reads. */
public record KerasLayer(String name, String className, JsonNode config, List<String> inbound) {

    static KerasLayer of(JsonNode layer) {
        String name = layer.path("name").asText(layer.path("config").path("name").asText(""));
        String className = layer.path("class_name").asText("");
        if (name.isEmpty() || className.isEmpty()) {
            throw new ModelFormatException("topology layer without name or class_name: " + abbreviate(layer));
        }
        JsonNode nodes = layer.path("inbound_nodes");
        if (nodes.size() > 1) {
            throw new ModelFormatException("layer " + name + " is shared (" + nodes.size() + " inbound nodes)");
        }
        List<String> inbound = new ArrayList<>();
        for (JsonNode edge : nodes.path(0)) {
            inbound.add(edge.path(0).asText());
        }
        return new KerasLayer(name, className, layer.path("config"), List.copyOf(inbound));
    }

    int intAt(String field, int index) {
        JsonNode value = config.path(field).path(index);
        if (!value.canConvertToInt()) {
            throw new ModelFormatException("layer " + name + ": missing " + field + "[" + index + "]");
        }
        return value.asInt();
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
