package dev.runbook.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.runbook.values.Booleans;
import java.math.BigDecimal;
import java.util.Optional;

/** How json.set turns an argument (text, or a list or map from a template) into a JSON value. */
final class JsonValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /**
     * A string takes the type of the value it replaces; a new one is read as a JSON literal if it is
     * one. The node is as Jackson reads it back from a file (an int stays an IntNode), so comparing
     * it with the current value tells whether anything changes.
     */
    static JsonNode typed(Object value, JsonNode old) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node(value, old)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON value Jackson wrote cannot be read back", e);
        }
    }

    private static JsonNode node(Object value, JsonNode old) {
        if (!(value instanceof String text)) {
            return JSON.valueToTree(value);
        }
        if (old != null && old.isTextual()) {
            return NODES.textNode(text);
        }
        Optional<Boolean> bool = Booleans.parse(text);
        if (bool.isPresent()) {
            return old == null || old.isBoolean() || old.isNull() ? NODES.booleanNode(bool.get()) : NODES.textNode(text);
        }
        if (text.equals("null") && (old == null || old.isNull())) {
            return NODES.nullNode();
        }
        if ((old == null || old.isNumber() || old.isNull()) && text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            return NODES.numberNode(new BigDecimal(text));
        }
        return NODES.textNode(text);
    }
}
