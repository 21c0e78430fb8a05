package dev.runbook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.source.Problems;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import dev.runbook.yaml.YamlLoader;
import java.util.Optional;
import java.util.regex.Pattern;

/** YAML to JSON the way editors' YAML extensions see it: plain scalars typed by the YAML 1.2 core schema. */
public final class YamlJson {

    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private YamlJson() {
    }

    /** Empty when the text is not loadable YAML at all. */
    public static Optional<JsonNode> convert(String text) {
        Problems problems = new Problems();
        Optional<Node> root = YamlLoader.load("x.yaml", text, problems);
        return root.map(YamlJson::json);
    }

    static JsonNode json(Node node) {
        if (node instanceof Mapping mapping) {
            ObjectNode object = JSON.objectNode();
            mapping.entries().forEach(e -> object.set(e.name(), json(e.value())));
            return object;
        }
        if (node instanceof Sequence sequence) {
            ArrayNode array = JSON.arrayNode();
            sequence.items().forEach(item -> array.add(json(item)));
            return array;
        }
        Scalar scalar = (Scalar) node;
        String text = scalar.text();
        if (!scalar.plain()) {
            return JSON.textNode(text);
        }
        if (scalar.isNull()) {
            return JSON.nullNode();
        }
        if (text.equals("true") || text.equals("True") || text.equals("TRUE")) {
            return JSON.booleanNode(true);
        }
        if (text.equals("false") || text.equals("False") || text.equals("FALSE")) {
            return JSON.booleanNode(false);
        }
        if (INT.matcher(text).matches() && text.length() < 18) {
            return JSON.numberNode(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
        }
        if (FLOAT.matcher(text).matches()) {
            return JSON.numberNode(Double.parseDouble(text));
        }
        return JSON.textNode(text);
    }
}
