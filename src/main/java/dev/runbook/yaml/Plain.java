package dev.runbook.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node as plain Java: strings (or null), lists and maps, in source order. */
public final class Plain {

    private Plain() {
    }

    public static Object of(Node node) {
        if (node instanceof Scalar scalar) {
            return scalar.isNull() ? null : scalar.text();
        }
        if (node instanceof Sequence sequence) {
            List<Object> items = new ArrayList<>();
            sequence.items().forEach(item -> items.add(of(item)));
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((Mapping) node).entries().forEach(e -> map.put(e.name(), of(e.value())));
        return map;
    }
}
