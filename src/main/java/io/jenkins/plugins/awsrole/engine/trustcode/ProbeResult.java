package io.jenkins.plugins.awsrole.engine.trustcode;

/**
 * The result of one {@link TrustProbe}.
 *
 * @param outcome pass, fail, or could not tell
 * @param stage the stage probed
 * @param subject the {@code sub} the probe token carried, or {@code null} when none was minted
 * @param mappingAllows whether the plugin's own trust mapping would let this identity have the stage; when it would,
 *     the probe is meaningless (AWS is then expected to accept) and AWS is not asked
 * @param message what happened and what to do, for the administrator; never contains credentials or the token
 */
public record ProbeResult(ProbeOutcome outcome, String stage, String subject, boolean mappingAllows, String message) {}
