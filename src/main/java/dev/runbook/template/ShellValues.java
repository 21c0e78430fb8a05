package dev.runbook.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The values a shell template inserts, quoted only once the whole command is rendered: Pebble's
 * escaping writes a placeholder for each, then {@link ShellContext} tells whether it landed bare,
 * inside '...' or inside "...", and each is quoted for that place. So {@code echo "{{ x }}"} (the
 * shell habit) is as safe as {@code echo {{ x }}}, and a place no quoting makes safe is refused.
 */
final class ShellValues {

    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

    private ShellValues() {
    }

    static void start() {
        CURRENT.set(new ArrayList<>());
    }

    static void end() {
        CURRENT.remove();
    }

    /** Records a value and returns its placeholder; outside a shell rendering, the value quoted bare. */
    static String placeholder(String value) {
        List<String> values = CURRENT.get();
        if (values == null) {
            return ShellQuote.quote(value);
        }
        values.add(value);
        return "" + ShellContext.MARK + (values.size() - 1) + ShellContext.END;
    }

    /** The rendered command with every placeholder replaced by its value quoted for where it is. */
    static String substitute(String rendered) {
        List<String> values = CURRENT.get();
        if (values == null || values.isEmpty()) {
            return rendered;
        }
        StringBuilder out = new StringBuilder(rendered.length());
        int[] copied = {0};
        ShellContext.read(rendered, (index, offset, place) -> {
            if (place.kind() == ShellContext.Place.Kind.UNSAFE) {
                throw new UnsafeTemplate("a value is inserted " + place.unsafe()
                        + ", where no quoting makes it safe");
            }
            out.append(rendered, copied[0], offset);
            out.append(place.quote(values.get(index)));
            copied[0] = rendered.indexOf(ShellContext.END, offset) + 1;
        });
        out.append(rendered, copied[0], rendered.length());
        return out.toString();
    }
}
