package dev.runbook.model;

import java.util.Locale;

/** The types a runbook parameter may have. */
public enum ParamType {
    STRING, INT, BOOL, PATH, DURATION, ENUM;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
