package io.jenkins.plugins.awsrole.engine.trust;

import java.util.Locale;
import java.util.Optional;

/**
 * The AWS partitions an IAM ARN can name, and how to tell a region's partition from its name.
 *
 * <p>A role lives in exactly one partition, and STS only issues its credentials through an endpoint of that partition,
 * so a mapping whose region belongs to another partition cannot work.
 */
public enum AwsPartition {
    AWS("aws", ""),
    AWS_CN("aws-cn", "cn-"),
    AWS_US_GOV("aws-us-gov", "us-gov-"),
    AWS_ISO("aws-iso", "us-iso-"),
    AWS_ISO_B("aws-iso-b", "us-isob-"),
    AWS_ISO_E("aws-iso-e", "eu-isoe-"),
    AWS_ISO_F("aws-iso-f", "us-isof-"),
    AWS_EUSC("aws-eusc", "eusc-");

    private final String id;
    private final String regionPrefix;

    AwsPartition(String id, String regionPrefix) {
        this.id = id;
        this.regionPrefix = regionPrefix;
    }

    /** The partition as written in an ARN, for example {@code aws-us-gov}. */
    public String id() {
        return id;
    }

    /** The partition with this ARN name, if there is one. */
    public static Optional<AwsPartition> ofId(String id) {
        for (AwsPartition partition : values()) {
            if (partition.id.equals(id)) {
                return Optional.of(partition);
            }
        }
        return Optional.empty();
    }

    /**
     * The partition a region name belongs to, judged by its prefix ({@code cn-north-1} is in {@code aws-cn}); names
     * without a known prefix are taken to be in {@code aws}.
     */
    public static AwsPartition ofRegion(String region) {
        String name = region.toLowerCase(Locale.ROOT);
        AwsPartition best = AWS;
        for (AwsPartition partition : values()) {
            if (name.startsWith(partition.regionPrefix)
                    && partition.regionPrefix.length() > best.regionPrefix.length()) {
                best = partition;
            }
        }
        return best;
    }

    /** All partition names, for messages. */
    public static String allIds() {
        StringBuilder ids = new StringBuilder();
        for (AwsPartition partition : values()) {
            if (ids.length() > 0) {
                ids.append(", ");
            }
            ids.append(partition.id);
        }
        return ids.toString();
    }

    @Override
    public String toString() {
        return id;
    }
}
