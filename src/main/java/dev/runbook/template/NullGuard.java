package dev.runbook.template;

import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.PrintNode;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.FilterExpression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.LiteralStringExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/**
 * Null where text is needed is an error: Pebble prints null as nothing and joins it with {@code ~}
 * as nothing, so an unset optional param would silently vanish from a command. A template that
 * means "nothing" says so: {@code {{ params.x | default('') }}}.
 */
final class NullGuard {

    private NullGuard() {
    }

    /** Wraps what every {@code {{ }}} prints (after the escaper has wrapped it) in a null check. */
    static final class Visitor extends AbstractNodeVisitor {
        Visitor(PebbleTemplate template) {
            super((PebbleTemplateImpl) template);
        }

        @Override
        public void visit(PrintNode node) {
            super.visit(node);
            node.setExpression(new NotNull(node.getExpression()));
        }
    }

    static final class NullValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NullValue(String message) {
            super(message, null, false, false);
        }
    }

    private static NullValue error(Expression<?> expression) {
        return new NullValue(describe(expression) + " is null, and text is needed here; say what to use instead: "
                + "{{ " + describe(expression) + " | default('...') }}");
    }

    /** {@code params.x} for a path of names, else "a value". */
    static String describe(Expression<?> expression) {
        if (expression instanceof FilterExpression filter) {
            return describe(filter.getLeftExpression());
        }
        if (expression instanceof ContextVariableExpression variable) {
            return variable.getName();
        }
        if (expression instanceof GetAttributeExpression attribute
                && attribute.getAttributeNameExpression() instanceof LiteralStringExpression name) {
            String parent = describe(attribute.getNode());
            return parent.equals("a value") ? parent : parent + "." + name.getValue();
        }
        return "a value";
    }

    private record NotNull(Expression<?> inner) implements Expression<Object> {
        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object value = inner.evaluate(self, context);
            if (value == null) {
                throw error(inner);
            }
            return value;
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

    /** {@code a ~ b} as Pebble's, except that a null side is an error. */
    static final class Concatenate extends BinaryExpression<String> {
        @Override
        public String evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            if (left == null) {
                throw error(getLeftExpression());
            }
            Object right = getRightExpression().evaluate(self, context);
            if (right == null) {
                throw error(getRightExpression());
            }
            return left.toString() + right;
        }
    }
}
