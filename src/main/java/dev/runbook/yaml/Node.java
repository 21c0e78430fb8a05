package dev.runbook.yaml;

import dev.runbook.source.Location;

/** A YAML value with its position: the only shape in which the runbook's YAML is held. */
public sealed interface Node permits Scalar, Mapping, Sequence {

    Location location();

    /** How this value is named in messages: "a string", "a mapping", "a list". */
    String kind();
}
