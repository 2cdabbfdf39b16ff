package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IamArnTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:iam::123456789012:role/deploy",
                "arn:aws-cn:iam::123456789012:role/deploy",
                "arn:aws-us-gov:iam::123456789012:role/deploy",
                "arn:aws-iso:iam::123456789012:role/deploy",
                "arn:aws-iso-b:iam::123456789012:role/deploy",
                "arn:aws-iso-e:iam::123456789012:role/deploy",
                "arn:aws-iso-f:iam::123456789012:role/deploy",
                "arn:aws-eusc:iam::123456789012:role/deploy",
                "arn:aws:iam::123456789012:role/ci/jenkins/deploy",
                "arn:aws:iam::123456789012:role/Name_With+=,.@-chars"
            })
    void parsesRolesInEveryPartition(String arn) {
        IamArn parsed = IamArn.parseRole(arn);
        assertThat(parsed.arn()).isEqualTo(arn);
        assertThat(parsed.type()).isEqualTo("role");
        assertThat(parsed.account()).isEqualTo("123456789012");
    }

    @Test
    void splitsPathAndName() {
        IamArn parsed = IamArn.parseRole("arn:aws-us-gov:iam::123456789012:role/ci/jenkins/deploy");
        assertThat(parsed.partition()).isEqualTo(AwsPartition.AWS_US_GOV);
        assertThat(parsed.path()).isEqualTo("/ci/jenkins/");
        assertThat(parsed.name()).isEqualTo("deploy");
        assertThat(IamArn.parseRole("arn:aws:iam::123456789012:role/deploy").path())
                .isEqualTo("/");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|ARN is empty",
                "deploy|is not an ARN",
                "' arn:aws:iam::123456789012:role/deploy'|space",
                "arn:aws:iam::123456789012|too few parts",
                "arn:azure:iam::123456789012:role/deploy|partition 'azure'",
                "arn:aws:sts::123456789012:assumed-role/deploy/session|arn:aws:iam::123456789012:role/deploy",
                "arn:aws:s3:::my-bucket:x|service 's3'",
                "arn:aws:iam:us-east-1:123456789012:role/deploy|IAM ARNs have none",
                "arn:aws:iam::12345678901:role/deploy|12 digits",
                "arn:aws:iam::aws:role/deploy|12 digits.",
                "arn:aws:iam::123456789012:user/alice|names a 'user', not a role",
                "arn:aws:iam::123456789012:role/|no role name",
                "arn:aws:iam::123456789012:role/deploy!|contains '!'",
                "arn:aws:iam::123456789012:role/a//b|path",
                "arn:aws:iam::123456789012:role/x x/deploy|path",
            })
    void refusesBadRolesSayingWhy(String arn, String expected) {
        assertThatThrownBy(() -> IamArn.parseRole(arn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void enforcesNameAndPathLengths() {
        String name64 = "r".repeat(64);
        assertThat(IamArn.parseRole("arn:aws:iam::123456789012:role/" + name64).name())
                .hasSize(64);
        assertThatThrownBy(() -> IamArn.parseRole("arn:aws:iam::123456789012:role/" + name64 + "r"))
                .hasMessageContaining("65 characters");
        String longPath = "/" + "p".repeat(511) + "/";
        assertThatThrownBy(() -> IamArn.parseRole("arn:aws:iam::123456789012:role" + longPath + "deploy"))
                .hasMessageContaining("path of 513 characters");
        assertThat(IamArn.parsePolicy("arn:aws:iam::123456789012:policy/" + "p".repeat(128))
                        .name())
                .hasSize(128);
        assertThatThrownBy(() -> IamArn.parsePolicy("arn:aws:iam::123456789012:policy/" + "p".repeat(129)))
                .hasMessageContaining("128");
    }

    @Test
    void parsesPolicies() {
        IamArn awsManaged = IamArn.parsePolicy("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess");
        assertThat(awsManaged.account()).isEqualTo("aws");
        assertThat(awsManaged.path()).isEqualTo("/job-function/");
        assertThat(IamArn.parsePolicy("arn:aws-cn:iam::123456789012:policy/deploy-site")
                        .partition())
                .isEqualTo(AwsPartition.AWS_CN);
        assertThatThrownBy(() -> IamArn.parsePolicy("arn:aws:iam::123456789012:role/deploy"))
                .hasMessageContaining("not a policy");
    }

    @Test
    void sameEntityIgnoresPathAndCaseOfName() {
        IamArn a = IamArn.parseRole("arn:aws:iam::123456789012:role/ops/Revoker");
        assertThat(a.sameEntity(IamArn.parseRole("arn:aws:iam::123456789012:role/revoker")))
                .isTrue();
        assertThat(a.sameEntity(IamArn.parseRole("arn:aws:iam::210987654321:role/revoker")))
                .isFalse();
        assertThat(a.sameEntity(IamArn.parseRole("arn:aws-cn:iam::123456789012:role/revoker")))
                .isFalse();
        assertThat(a.sameEntity(IamArn.parseRole("arn:aws:iam::123456789012:role/revoker2")))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "us-east-1, aws",
        "eu-central-2, aws",
        "cn-north-1, aws-cn",
        "us-gov-west-1, aws-us-gov",
        "us-iso-east-1, aws-iso",
        "us-isob-east-1, aws-iso-b",
        "eu-isoe-west-1, aws-iso-e",
        "us-isof-south-1, aws-iso-f",
        "eusc-de-east-1, aws-eusc"
    })
    void tellsTheRegionsPartition(String region, String partition) {
        assertThat(AwsPartition.ofRegion(region).id()).isEqualTo(partition);
        assertThat(AwsPartition.ofId(partition)).contains(AwsPartition.ofRegion(region));
    }
}
