package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each built-in name makes the action that declares that name; an unknown name makes nothing. */
class BuiltInsTest {

    @Test
    void everyNameMakesTheActionThatDeclaresIt() {
        assertThat(new HashSet<>(BuiltIns.NAMES)).as("no name twice").hasSize(BuiltIns.NAMES.size());
        for (String name : BuiltIns.NAMES) {
            BuiltIn action = BuiltIns.named(name).orElseThrow();
            assertThat(action.spec().name()).isEqualTo(name);
            assertThat(BuiltIns.named(name).orElseThrow()).as("made once").isSameAs(action);
            assertThat(Implementations.builtIn().find(name).orElseThrow()).isSameAs(action);
            assertThat(ActionRegistry.builtIn().find(name).orElseThrow()).isSameAs(action.spec());
        }
        assertThat(ActionRegistry.builtIn().all().stream().map(ActionSpec::name).toList()).isEqualTo(BuiltIns.NAMES);
    }

    @Test
    void anUnknownNameMakesNothing() {
        for (String name : List.of("nope", "Exec", "exec ", "")) {
            assertThat(BuiltIns.named(name)).as(name).isEmpty();
            assertThat(ActionRegistry.builtIn().find(name)).as(name).isEmpty();
            assertThat(Implementations.builtIn().find(name)).as(name).isEmpty();
        }
    }

    /** Every action class of this package that is a BuiltIn has its name listed, so none is left out. */
    @Test
    void noBuiltInActionIsLeftOut() throws Exception {
        java.nio.file.Path folder = java.nio.file.Path.of(BuiltIn.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).resolve("dev/runbook/action");
        List<String> declared = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(folder)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("dev.runbook.action." + name, false, BuiltIn.class.getClassLoader());
                if (BuiltIn.class.isAssignableFrom(type) && !type.isInterface()
                        && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                    declared.add(((BuiltIn) type.getDeclaredConstructor().newInstance()).spec().name());
                }
            }
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(BuiltIns.NAMES);
    }
}
