package dev.runbook.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

    @Test
    void plainValuesRoundTripWithTheirTypesAndOrder() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", "quote \" backslash \\ newline \n tab \t nul \u0000 é 😀");
        value.put("a", 42);
        value.put("big", 1L << 40);
        value.put("ratio", 0.5);
        value.put("ok", true);
        value.put("none", null);
        value.put("list", Arrays.asList(1, "two", null, List.of(false)));
        value.put("nested", Map.of("k", List.of()));

        String json = PlainJson.write(value);

        assertThat(json).startsWith("{\"z\":\"quote \\\" backslash \\\\ newline \\n tab \\t nul \\u0000 é 😀\",\"a\":42,");
        assertThat(PlainJson.read(json)).isEqualTo(value);
        assertThat(((Map<?, ?>) PlainJson.read(json)).keySet()).extracting(String::valueOf).containsExactly("z", "a", "big", "ratio", "ok", "none",
                "list", "nested");
    }

    @Test
    void otherObjectsAreWrittenAsTheirText() {
        assertThat(PlainJson.write(Map.of("p", Path.of("/srv/tmws")))).isEqualTo("{\"p\":\"/srv/tmws\"}");
    }

    @Test
    void brokenOrTrailingTextIsRefused() {
        assertThatThrownBy(() -> PlainJson.read("{\"a\": ")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> PlainJson.read("{} {}")).isInstanceOf(IOException.class)
                .hasMessage("more than one JSON value");
        assertThatThrownBy(() -> PlainJson.read("")).isInstanceOf(IOException.class).hasMessage("no JSON value");
    }
}
