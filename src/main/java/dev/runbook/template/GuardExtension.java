package dev.runbook.template;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.extension.core.RangeFunction;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.tokenParser.ForTokenParser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.utils.StringUtils;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes Pebble safe for runbook values: loops spend from a {@link RenderBudget}; {@code range}
 * is capped; tags a value has no use for (macros, includes, blocks, {@code filter},
 * {@code autoescape}...) are refused, since they could recurse or undo the shell quoting; a null
 * printed or joined with {@code ~} is an error, not an empty string; and in shell values,
 * {@code raw} and {@code escape(strategy=...)} are refused instead of switching quoting off.
 */
final class GuardExtension extends AbstractExtension {

    private final boolean shell;

    GuardExtension(boolean shell) {
        this.shell = shell;
    }

    @Override
    public List<TokenParser> getTokenParsers() {
        List<TokenParser> parsers = new ArrayList<>();
        parsers.add(new BudgetedFor());
        TemplateRules.REFUSED_TAGS.forEach(tag -> parsers.add(new Refused(tag)));
        return parsers;
    }

    @Override
    public List<BinaryOperator> getBinaryOperators() {
        return List.of(new BinaryOperatorImpl("~", 110, NullGuard.Concatenate::new, BinaryOperatorType.NORMAL,
                Associativity.LEFT));
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of("range", new CappedRange());
    }

    @Override
    public Map<String, Filter> getFilters() {
        if (!shell) {
            return Map.of();
        }
        Map<String, Filter> filters = new HashMap<>();
        filters.put("raw", new Unsafe("raw"));
        filters.put("escape", new ShellEscape());
        return filters;
    }

    @Override
    public List<NodeVisitorFactory> getNodeVisitors() {
        return List.of(NullGuard.Visitor::new);
    }

    /** Pebble's own {@code for}, its iterable wrapped so that every iteration checks the budget. */
    private static final class BudgetedFor implements TokenParser {
        private final ForTokenParser core = new ForTokenParser();

        @Override
        public String getTag() {
            return "for";
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            ForNode node = (ForNode) core.parse(token, parser);
            return new ForNode(node.getLineNumber(), node.getIterationVariable(),
                    new BudgetedIterable(node.getIterable()), node.getBody(), node.getElseBody());
        }
    }

    private static final class Refused implements TokenParser {
        private final String tag;

        Refused(String tag) {
            this.tag = tag;
        }

        @Override
        public String getTag() {
            return tag;
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            throw new ParserException(null, "the '" + tag + "' tag is not allowed in runbook values",
                    token.getLineNumber(), parser.getStream().getFilename());
        }
    }

    /** Refuses a filter that would turn shell quoting off (registered only for shell values). */
    private static final class Unsafe implements Filter {
        private final String name;

        Unsafe(String name) {
            this.name = name;
        }

        @Override
        public List<String> getArgumentNames() {
            return null;
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            throw new UnsafeTemplate("'| " + name + "' would turn off the shell quoting of values");
        }
    }

    /**
     * The filter Pebble's autoescaping calls for every {@code {{ }}} of a shell value; also what
     * {@code | escape} means there. A strategy argument (other than the shell's own) is refused.
     */
    private static final class ShellEscape implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("strategy");
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            Object strategy = args.get("strategy");
            if (strategy != null && !"shell".equals(strategy)) {
                throw new UnsafeTemplate("'| escape(strategy=...)' would replace the shell quoting of values");
            }
            if (input == null || input instanceof SafeString) {
                return input;
            }
            RenderBudget.check();
            return new SafeString(ShellValues.placeholder(StringUtils.toString(input)));
        }
    }

    /** Pebble's range, refused past {@link RenderBudget#MAX_RANGE} items before any is made. */
    private static final class CappedRange implements Function {
        private final RangeFunction core = new RangeFunction();

        @Override
        public List<String> getArgumentNames() {
            return core.getArgumentNames();
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                              int lineNumber) {
            Object start = args.get("start");
            Object end = args.get("end");
            Object increment = args.get("increment");
            if (start instanceof Number from && end instanceof Number to
                    && (increment == null || increment instanceof Number)) {
                long step = increment == null ? 1 : Math.abs(((Number) increment).longValue());
                double count = step == 0 ? 0 : (Math.abs(to.doubleValue() - from.doubleValue()) / step) + 1;
                if (count > RenderBudget.MAX_RANGE) {
                    throw new RenderBudget.OverBudget("range(" + from + ", " + to + ") would make "
                            + String.format("%.0f", count) + " items; at most " + RenderBudget.MAX_RANGE);
                }
            }
            return core.execute(args, self, context, lineNumber);
        }
    }
}
