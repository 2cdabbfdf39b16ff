package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.List;

/**
 * The IAM OIDC identity provider one AWS account needs for the issuer.
 *
 * @param partition the partition id, {@code aws}, {@code aws-cn}, ...
 * @param account the 12-digit account id
 * @param url the issuer URL as registered ({@code https://...}, equal to every token's {@code iss})
 * @param arn {@code arn:<partition>:iam::<account>:oidc-provider/<url without https://>}
 * @param audiences the client IDs every mapping in this account uses, sorted
 */
public record ProviderTrust(String partition, String account, String url, String arn, List<String> audiences) {

    public ProviderTrust {
        audiences = List.copyOf(audiences);
    }
}
