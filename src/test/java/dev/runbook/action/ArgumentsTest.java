package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Declared defaults are parsed from their YAML text once and shared, so what is handed out must not
 * change; arguments are read only through an action's typed parameters.
 */
class ArgumentsTest {

    private final ActionSpec exec = ActionRegistry.builtIn().find("exec").orElseThrow();
    private final ActionSpec jsonSet = ActionRegistry.builtIn().find("json.set").orElseThrow();

    @Test
    void anAbsentArgumentReadsItsDeclaredDefaultEveryTime() throws Exception {
        Arguments first = new Arguments(exec, Map.of("cmd", List.of("true")));
        Arguments second = new Arguments(exec, Map.of("cmd", List.of("false")));
        assertThat(first.read(Exec.EXPECT_EXIT)).contains(List.of(0L));
        assertThat(second.read(Exec.EXPECT_EXIT)).contains(List.of(0L));
        assertThat(first.read(Exec.EXPECT_EXIT)).isEqualTo(second.read(Exec.EXPECT_EXIT));
        assertThat(first.gives(Exec.EXPECT_EXIT)).isFalse();
    }

    @Test
    void aSharedDefaultCannotBeChangedByWhoReadsIt() throws Exception {
        List<Long> value = new Arguments(exec, Map.of()).read(Exec.EXPECT_EXIT).orElseThrow();
        assertThatThrownBy(() -> value.add(1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Arguments(exec, Map.of()).read(Exec.EXPECT_EXIT)).contains(List.of(0L));
    }

    @Test
    void aGivenValueWinsOverTheDefault() throws Exception {
        assertThat(new Arguments(exec, Map.of("expect_exit", List.of("0", "1"))).read(Exec.EXPECT_EXIT))
                .contains(List.of(0L, 1L));
    }

    @Test
    void booleansAreReadAsYamlSpellsThem() throws Exception {
        for (String yes : List.of("true", "True", "TRUE")) {
            assertThat(new Arguments(jsonSet, Map.of("create", yes)).read(JsonSet.CREATE)).as(yes).contains(true);
        }
        assertThat(new Arguments(jsonSet, Map.of("create", "FALSE")).read(JsonSet.CREATE)).contains(false);
        assertThatThrownBy(() -> new Arguments(jsonSet, Map.of("create", "yes")).read(JsonSet.CREATE))
                .isInstanceOf(ActionException.class)
                .hasMessage("'create' of json.set must be true or false, found \"yes\"");
    }

    @Test
    void aParameterTheActionDoesNotDeclareCannotBeRead() {
        assertThatThrownBy(() -> new Arguments(exec, Map.of()).read(JsonSet.CREATE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("exec reads parameter 'create', which it does not declare (or declares differently)");
    }
}
