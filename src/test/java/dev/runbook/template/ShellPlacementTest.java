package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each value of a shell template quoted for where it lands; where nothing is safe, refused. */
class ShellPlacementTest {

    private static final String HOSTILE = "a'b\"c $(x) `y` \\ $HOME";

    private static String render(String template, Object value) throws TemplateError {
        Map<String, Object> params = new HashMap<>();
        params.put("x", value);
        return Templates.render(template, Map.of("params", params), true);
    }

    @Test
    void barelyInsideSingleAndInsideDoubleQuotes() throws TemplateError {
        assertThat(render("echo {{ params.x }}", HOSTILE)).isEqualTo("echo 'a'\\''b\"c $(x) `y` \\ $HOME'");
        assertThat(render("echo '<{{ params.x }}>'", HOSTILE)).isEqualTo("echo '<a'\\''b\"c $(x) `y` \\ $HOME>'");
        assertThat(render("echo \"<{{ params.x }}>\"", HOSTILE))
                .isEqualTo("echo \"<a'b\\\"c \\$(x) \\`y\\` \\\\ \\$HOME>\"");
        assertThat(render("echo \"$(cat {{ params.x }})\" \"{{ params.x }}\"", "a b"))
                .isEqualTo("echo \"$(cat 'a b')\" \"a b\"");
        assertThat(render("echo \"it's\" {{ params.x }} 'say \"hi\"' {{ params.x }}", "v w"))
                .isEqualTo("echo \"it's\" 'v w' 'say \"hi\"' 'v w'");
        assertThat(render("echo \\\" {{ params.x }}", "v w")).isEqualTo("echo \\\" 'v w'");
        assertThat(render("{% for i in params.x %}'{{ i }}' {% endfor %}", List.of("a'", "b")))
                .isEqualTo("'a'\\''' 'b' ");
    }

    @Test
    void aHereDocumentEndsAtItsDelimiterLine() throws TemplateError {
        assertThat(render("cat <<'EOF'\nplain\nEOF\necho {{ params.x }}", "a b"))
                .isEqualTo("cat <<'EOF'\nplain\nEOF\necho 'a b'");
        assertThatThrownBy(() -> render("cat <<EOF\n{{ params.x }}\nEOF", "v"))
                .hasMessage("a value is inserted inside a here-document, where no quoting makes it safe");
    }

    @Test
    void placesNoQuotingMakesSafeAreRefused() {
        Map<String, String> refused = Map.of(
                "echo `{{ params.x }}`", "inside backquotes",
                "echo ${X:-{{ params.x }}}", "inside ${...}",
                "echo $(( {{ params.x }} ))", "inside arithmetic $((...))",
                "(( {{ params.x }} ))", "inside arithmetic $((...))",
                "echo $'{{ params.x }}'", "inside $'...'",
                "echo \\{{ params.x }}", "right after a backslash",
                "true # {{ params.x }}", "inside a shell comment (a newline in the value would end it)",
                "echo $(case a in a) echo {{ params.x }};; esac)", "after a 'case' inside $(...)");
        refused.forEach((template, why) -> assertThatThrownBy(() -> render(template, "v"))
                .as(template).isInstanceOf(TemplateError.class)
                .hasMessage("a value is inserted " + why + ", where no quoting makes it safe")
                .extracting(e -> ((TemplateError) e).kind()).isEqualTo(TemplateError.Kind.UNSAFE));
    }

    @Test
    void quotingCannotBeSwitchedOff() {
        assertThatThrownBy(() -> render("echo {{ params.x | raw }}", "v"))
                .hasMessage("'| raw' would turn off the shell quoting of values");
        assertThatThrownBy(() -> render("echo {{ params.x | escape(strategy='html') }}", "v"))
                .hasMessage("'| escape(strategy=...)' would replace the shell quoting of values");
        assertThatThrownBy(() -> render("{% autoescape false %}echo {{ params.x }}{% endautoescape %}", "v"))
                .hasMessage("the 'autoescape' tag is not allowed in runbook values")
                .extracting(e -> ((TemplateError) e).kind()).isEqualTo(TemplateError.Kind.SYNTAX);
        assertThatThrownBy(() -> render("{% set y = params.x | raw %}echo {{ y }}", "v"))
                .hasMessage("'| raw' would turn off the shell quoting of values");
    }
}
