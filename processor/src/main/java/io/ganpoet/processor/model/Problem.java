package io.ganpoet.processor.model;

/** A diagnostic found by a pure stage, reported later by the processor. */
public record Problem(Severity severity, String message, Location location) {

    public enum Severity {
        ERROR,
        WARNING,
        NOTE
    }

    public static Problem error(Location location, String message) {
        return new Problem(Severity.ERROR, message, location);
    }

    public static Problem warning(Location location, String message) {
        return new Problem(Severity.WARNING, message, location);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
