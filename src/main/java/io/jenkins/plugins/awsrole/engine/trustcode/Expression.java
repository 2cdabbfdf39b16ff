package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.Objects;

/**
 * A value that a template language computes, written verbatim instead of as a quoted string: {@code !Ref
 * JenkinsOidcProvider} in CloudFormation, {@code aws_iam_openid_connect_provider.jenkins.arn} in Terraform. Plain JSON
 * has no such thing, so {@link io.jenkins.plugins.awsrole.engine.json.JsonWriter} refuses it.
 *
 * @param text the expression as the template language writes it
 */
public record Expression(String text) {

    public Expression {
        Objects.requireNonNull(text, "text");
    }
}
