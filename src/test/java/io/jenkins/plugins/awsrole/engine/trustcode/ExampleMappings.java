package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.List;

/** The mappings the golden files are made from: one of each feature an export has to express. */
final class ExampleMappings {

    static final String ACCOUNT = "111122223333";
    static final IssuerUrl ISSUER = IssuerUrl.parse("https://jenkins.example.com/aws-oidc-role");
    static final String REVOKER = "arn:aws:iam::111122223333:role/jenkins/aws-oidc-role-revoker";

    private ExampleMappings() {}

    static TrustMappings mappings() {
        return TrustMappings.of(
                List.of(
                        // Configured out of order on purpose: exports sort.
                        TrustMapping.builder()
                                .stage("deploy")
                                .roleArn("arn:aws:iam::111122223333:role/app-deploy")
                                .jobs("team/app/main")
                                .branches("main")
                                .sessionDurationSeconds(7200)
                                .sessionTags(true)
                                .sourceIdentity(true)
                                .revocation(true)
                                .build(),
                        TrustMapping.builder()
                                .stage("build")
                                .roleArn("arn:aws:iam::111122223333:role/ci/app-build")
                                .jobs("team/app/*", "tools/**/lint-?")
                                .changeRequestsAllowed(true)
                                .build(),
                        TrustMapping.builder()
                                .stage("rollback")
                                .roleArn("arn:aws:iam::111122223333:role/app-deploy")
                                .audience("jenkins-rollback")
                                .jobs("ops/rollback$app")
                                .build()),
                List.of(REVOKER));
    }

    static TrustPlan plan() {
        return TrustPlan.of(mappings(), ISSUER, REVOKER);
    }
}
