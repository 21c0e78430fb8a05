package dev.runbook.files;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One thing a restore puts back as a whole: a file, a link or a folder named {@code name} (relative
 * to the restore's root, which preserve globs are matched against), copied from {@code source} to
 * {@code target}. {@code entries} describe the source, by name relative to the unit ("" is the unit
 * itself), with the checksum each file must have when known (from a backup's manifest). What was at
 * the target is kept as {@code keepAs}.
 */
public record RestoreUnit(String name, Path source, Path target, Map<String, Entry> entries, Path keepAs) {

    public RestoreUnit {
        entries = Map.copyOf(entries);
    }

    public Optional<Entry> root() {
        return Optional.ofNullable(entries.get(""));
    }

    public Path sourceOf(String relative) {
        return relative.isEmpty() ? source : source.resolve(relative);
    }

    public Path targetOf(String relative) {
        return relative.isEmpty() ? target : target.resolve(relative);
    }

    public String fullName(String relative) {
        return relative.isEmpty() ? name : name.isEmpty() ? relative : name + "/" + relative;
    }
}
