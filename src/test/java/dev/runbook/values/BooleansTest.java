package dev.runbook.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One reading of true and false: YAML 1.2's core spellings, nothing looser. */
class BooleansTest {

    @Test
    void theCoreSchemaSpellingsAreBooleansAndNothingElseIs() {
        for (String yes : new String[] {"true", "True", "TRUE"}) {
            assertThat(Booleans.parse(yes)).as(yes).contains(true);
            assertThat(Booleans.isTrue(yes)).isTrue();
        }
        for (String no : new String[] {"false", "False", "FALSE"}) {
            assertThat(Booleans.parse(no)).as(no).contains(false);
            assertThat(Booleans.isTrue(no)).isFalse();
        }
        for (String neither : new String[] {"", "yes", "no", "on", "off", "1", "0", "tRuE", " true", "true ", "null"}) {
            assertThat(Booleans.parse(neither)).as("'" + neither + "'").isEqualTo(Optional.empty());
            assertThat(Booleans.isTrue(neither)).isFalse();
        }
    }
}
