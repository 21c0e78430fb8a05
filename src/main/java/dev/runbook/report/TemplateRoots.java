package dev.runbook.report;

import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where report templates come from, in order: the given directories, then the templates bundled in
 * the jar. A name is a plain relative name ({@code failure-report.md.peb}, {@code parts/x.peb}):
 * never absolute, never {@code ..}, and a file found must really lie inside its directory (symlinks
 * resolved), so neither a template's {@code include} nor a name from a runbook reads another file.
 */
public final class TemplateRoots implements Loader<String> {

    /** Where the build copies the top-level templates/ folder inside the jar. */
    static final String BUNDLED = "/runbook-templates/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");

    private final List<Path> directories;

    public TemplateRoots(List<Path> directories) {
        this.directories = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
    }

    public List<Path> directories() {
        return directories;
    }

    /** Why a name is refused, or empty when it is a plain relative name. */
    static Optional<String> refusal(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.of("template name '" + name + "' must be a plain relative name (letters, digits, "
                    + "'.', '_', '-', '/'; no '..', not absolute)");
        }
        return Optional.empty();
    }

    /** The file or bundled resource a name means, and where it was looked for when none. */
    Optional<String> describe(String name) {
        if (refusal(name).isPresent()) {
            return Optional.empty();
        }
        Optional<Path> file = file(name);
        if (file.isPresent()) {
            return Optional.of(file.get().toString());
        }
        return TemplateRoots.class.getResource(BUNDLED + name) == null ? Optional.empty()
                : Optional.of("(bundled) " + name);
    }

    String searched() {
        List<String> places = new ArrayList<>();
        directories.forEach(d -> places.add(d.toString()));
        places.add("the templates bundled with runbook");
        return String.join(", ", places);
    }

    private Optional<Path> file(String name) {
        for (Path directory : directories) {
            Path candidate = directory.resolve(name).normalize();
            try {
                if (candidate.startsWith(directory) && Files.isRegularFile(candidate)
                        && candidate.toRealPath().startsWith(directory.toRealPath())) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // Unreadable or vanished: not a template here; the next place may have it.
            }
        }
        return Optional.empty();
    }

    @Override
    public Reader getReader(String name) {
        Optional<String> refused = refusal(name);
        if (refused.isPresent()) {
            throw new IllegalArgumentException(refused.get());
        }
        try {
            Optional<Path> file = file(name);
            if (file.isPresent()) {
                return Files.newBufferedReader(file.get(), StandardCharsets.UTF_8);
            }
            InputStream bundled = TemplateRoots.class.getResourceAsStream(BUNDLED + name);
            if (bundled != null) {
                return new InputStreamReader(bundled, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no template '" + name + "' in " + searched());
    }

    @Override
    public void setCharset(String charset) {
    }

    @Override
    public void setPrefix(String prefix) {
    }

    @Override
    public void setSuffix(String suffix) {
    }

    /** Names are always relative to the roots, never to the including template: one rule to check. */
    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        return relativePath;
    }

    @Override
    public String createCacheKey(String templateName) {
        return templateName;
    }

    @Override
    public boolean resourceExists(String templateName) {
        return refusal(templateName).isEmpty() && describe(templateName).isPresent();
    }
}
