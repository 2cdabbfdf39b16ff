package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.Glob;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Looks for a build that a stage's mapping admits and whose token would carry the same {@code sub} as an identity the
 * mapping refuses. AWS sees the {@code sub} and the {@code aud}, nothing else of the build: for such a pair AWS cannot
 * tell the refused identity from the admitted one, so a token for it would be a real session of the role (logged in
 * CloudTrail as the admitted build), never a test of the trust policy.
 *
 * <p>The search tries the refused identity with every fact the {@code sub} may leave out replaced by a value the
 * mapping admits: its own job and a name that matches each of the mapping's job patterns; its own branch, none, and a
 * name that matches each branch pattern; a change request or none; its own tag and a name that matches each tag
 * pattern; never a fork or a replay. What it finds is a real
 * admitted identity; it may miss a twin only for patterns no sample name of this kind matches.
 */
final class AdmittedTwin {

    private AdmittedTwin() {}

    /**
     * An identity the mapping admits whose {@code sub} is {@code subject}, if the search finds one.
     *
     * @param subject the {@code sub} a token for {@code refused} would carry
     */
    static Optional<BuildIdentity> find(
            TrustMappings mappings,
            TrustMapping mapping,
            SubjectTemplate template,
            BuildIdentity refused,
            String subject) {
        Set<String> jobs = new LinkedHashSet<>();
        jobs.add(refused.jobFullName());
        jobs.addAll(samples(mapping.jobs()));
        List<String> branches = new ArrayList<>();
        branches.add(refused.branch());
        branches.add(null);
        branches.addAll(samples(mapping.branches()));
        List<String> changeRequests = new ArrayList<>();
        changeRequests.add(null);
        if (refused.changeRequestId() != null) {
            changeRequests.add(refused.changeRequestId());
        }
        List<String> tags = new ArrayList<>();
        if (refused.tag() != null) {
            tags.add(refused.tag());
        }
        tags.addAll(samples(mapping.tags()));
        for (String job : jobs) {
            for (String tag : tags) {
                BuildIdentity twin = BuildIdentity.ofTag(job, refused.buildNumber(), null, tag, false);
                if (admittedWith(mappings, mapping, template, twin, subject)) {
                    return Optional.of(twin);
                }
            }
            for (String branch : branches) {
                for (String changeRequest : changeRequests) {
                    BuildIdentity twin =
                            new BuildIdentity(job, refused.buildNumber(), null, branch, changeRequest, false, false);
                    if (admittedWith(mappings, mapping, template, twin, subject)) {
                        return Optional.of(twin);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean admittedWith(
            TrustMappings mappings,
            TrustMapping mapping,
            SubjectTemplate template,
            BuildIdentity twin,
            String subject) {
        return mappings.decide(mapping.stage(), twin).isAllowed() && subject.equals(render(template, twin, mapping));
    }

    private static String render(SubjectTemplate template, BuildIdentity identity, TrustMapping mapping) {
        try {
            return template.render(identity, mapping.stage());
        } catch (IllegalArgumentException e) {
            return null; // no sub for this identity (a variable without a value): no token either
        }
    }

    /** For each pattern, a name it matches: its wildcards filled with a letter. */
    private static List<String> samples(List<String> patterns) {
        List<String> samples = new ArrayList<>();
        for (String pattern : patterns) {
            String sample = pattern.replace("**", "x").replace('*', 'x').replace('?', 'x');
            try {
                if (Glob.compile(pattern).matches(sample)) {
                    samples.add(sample);
                }
            } catch (IllegalArgumentException e) {
                // A pattern with errors is reported when the mappings are saved; it admits nothing.
            }
        }
        return samples;
    }
}
