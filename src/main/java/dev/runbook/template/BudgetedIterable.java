package dev.runbook.template;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.lang.reflect.Array;
import java.util.Iterator;
import java.util.Map;

/** A {@code for} loop's iterable whose every step checks the {@link RenderBudget}. */
record BudgetedIterable(Expression<?> inner) implements Expression<Object> {

    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
        Object value = inner.evaluate(self, context);
        Iterable<?> items = iterable(value);
        if (items == null) {
            return value;
        }
        return (Iterable<Object>) () -> new Iterator<>() {
            private final Iterator<?> it = items.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object next() {
                RenderBudget.check();
                return it.next();
            }
        };
    }

    /** What Pebble's for loop iterates for this value, or null (Pebble then says it is not iterable). */
    private static Iterable<?> iterable(Object value) {
        if (value instanceof Iterable<?> items) {
            return items;
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet();
        }
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            return () -> new Iterator<Object>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < length;
                }

                @Override
                public Object next() {
                    return Array.get(value, next++);
                }
            };
        }
        return null;
    }

    @Override
    public int getLineNumber() {
        return inner.getLineNumber();
    }

    @Override
    public void accept(NodeVisitor visitor) {
        inner.accept(visitor);
    }
}
