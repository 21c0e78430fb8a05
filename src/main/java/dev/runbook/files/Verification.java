package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares a restored target with what was staged: the same names, kinds, link targets and checksums. */
final class Verification {

    private Verification() {
    }

    static List<String> compare(Path target, Map<String, String> expected) throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Entry entry : Trees.scan(target, "", name -> false)) {
            actual.put(entry.name(), Staging.identity(entry));
            if (entry.isFile()) {
                files.put(entry.name(), entry.name().isEmpty() ? target : target.resolve(entry.name()));
            }
        }
        Copier.hashAll(files).forEach((name, sum) -> actual.put(name, "file " + sum));
        List<String> problems = new ArrayList<>();
        expected.forEach((name, identity) -> {
            String found = actual.remove(name);
            if (found == null) {
                problems.add("missing " + Escapes.quote(name));
            } else if (!found.equals(identity)) {
                problems.add(Escapes.quote(name) + " is " + found + ", expected " + identity);
            }
        });
        actual.keySet().forEach(name -> problems.add("unexpected " + Escapes.quote(name)));
        return problems;
    }
}
