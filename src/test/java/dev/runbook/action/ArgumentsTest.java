package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Declared defaults are parsed from their YAML text once and shared, so what is handed out must not change. */
class ArgumentsTest {

    private final ActionSpec exec = ActionRegistry.builtIn().find("exec").orElseThrow();

    @Test
    void anAbsentArgumentReadsItsDeclaredDefaultEveryTime() {
        Arguments first = new Arguments(exec, Map.of("cmd", List.of("true")));
        Arguments second = new Arguments(exec, Map.of("cmd", List.of("false")));
        assertThat(first.strings("expect_exit")).containsExactly("0");
        assertThat(second.strings("expect_exit")).containsExactly("0");
        assertThat(first.raw("expect_exit")).isEqualTo(second.raw("expect_exit"));
        assertThat(first.has("expect_exit")).isFalse();
    }

    @Test
    void aSharedDefaultCannotBeChangedByWhoReadsIt() {
        Object value = new Arguments(exec, Map.of()).raw("expect_exit").orElseThrow();
        assertThat(value).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        assertThatThrownBy(() -> list.add("1")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Arguments(exec, Map.of()).strings("expect_exit")).containsExactly("0");
    }

    @Test
    void aGivenValueWinsOverTheDefault() {
        assertThat(new Arguments(exec, Map.of("expect_exit", List.of("0", "1"))).strings("expect_exit"))
                .containsExactly("0", "1");
    }
}
