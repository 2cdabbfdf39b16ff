package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.Objects;

/**
 * One difference between the AWS side and what the trust mappings need.
 *
 * @param kind what kind of difference
 * @param stages the stages concerned, comma-separated; empty when it concerns the provider or the whole role
 * @param resource the ARN of the provider or role concerned
 * @param found what AWS has
 * @param expected what the mappings need
 * @param fix what to do about it
 */
public record Drift(DriftKind kind, String stages, String resource, String found, String expected, String fix) {

    public Drift {
        Objects.requireNonNull(kind, "kind");
        stages = stages == null ? "" : stages;
    }

    /** One paragraph for a report or a log: kind, where, found, expected, fix. */
    public String describe() {
        return kind + " " + resource + (stages.isEmpty() ? "" : " (stage " + stages + ")") + ": found " + found
                + "; expected " + expected + ". Fix: " + fix;
    }
}
