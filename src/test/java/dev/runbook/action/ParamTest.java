package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed parameters: one constant declares and reads; defaults apply; the undeclared cannot be read. */
class ParamTest {

    @TempDir
    Path dir;

    private StepContext context(ActionSpec spec, Map<String, Object> given) {
        return new StepContext("s", new Arguments(spec, given), false, dir, dir.resolve("s.log"), Optional.empty(),
                new Cancellation(), prompt -> false, null);
    }

    @Test
    void aDeclaredDefaultIsReadAsItsType() throws Exception {
        StepContext context = context(new SqliteIntegrity().spec(), Map.of("db", "app.db"));
        assertThat(context.get(SqliteIntegrity.FOREIGN_KEYS)).isTrue();
        assertThat(context.get(SqliteIntegrity.MODE)).isEqualTo("full");
        assertThat(context.path(SqliteIntegrity.DB)).isEqualTo(dir.resolve("app.db"));
        assertThat(context.gives(SqliteIntegrity.FOREIGN_KEYS)).isFalse();
    }

    @Test
    void aParameterOfAnotherActionCannotBeRead() {
        StepContext context = context(new SqliteIntegrity().spec(), Map.of("db", "app.db"));
        // sqlite.query declares its own 'db' with another description: reading it through the wrong action fails.
        assertThatThrownBy(() -> context.get(SqliteQuery.DB)).isInstanceOf(IllegalStateException.class)
                .hasMessage("sqlite.integrity reads parameter 'db', which it does not declare (or declares differently)");
        assertThatThrownBy(() -> context.find(SqliteQuery.EXPECT_ROWS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueOfTheWrongTypeNamesTheParameterAndTheAction() {
        StepContext context = context(new SqliteQuery().spec(), Map.of("db", "a.db", "sql", "x", "expect_rows", "two"));
        assertThatThrownBy(() -> context.find(SqliteQuery.EXPECT_ROWS)).isInstanceOf(ActionException.class)
                .hasMessage("'expect_rows' of sqlite.query must be an integer, found \"two\"");
    }

    @Test
    void anAbsentRequiredParameterIsARefusalNotACrash() {
        StepContext context = context(new SqliteQuery().spec(), Map.of("db", "a.db"));
        assertThatThrownBy(() -> context.get(SqliteQuery.SQL)).isInstanceOfSatisfying(ActionException.class,
                e -> assertThat(e.refused()).isTrue()).hasMessage("'sql' is required");
        assertThat(new Outputs().put(SqliteQuery.ROWS, 3L).put(SqliteRestore.KEPT_AS, Path.of("a/b")).map())
                .containsEntry("rows", 3L).containsEntry("kept_as", "a/b");
    }
}
