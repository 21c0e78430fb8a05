package dev.runbook.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter values as the command line gave them, each with where it came from ({@code -p NAME},
 * {@code FILE:LINE:COL} of a params file, {@code --secret-file NAME}, {@code --secret-env NAME}),
 * so that a bad value is reported where it was written. Later sources win: params file, then -p.
 *
 * @param warnings things to say before running (a secret given with -p is visible in ps)
 */
public record GivenParams(Map<String, String> values, Map<String, String> origins, List<String> warnings) {

    public GivenParams {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        origins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(origins));
        warnings = List.copyOf(warnings);
    }
}
