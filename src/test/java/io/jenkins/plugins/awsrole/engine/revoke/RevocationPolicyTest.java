package io.jenkins.plugins.awsrole.engine.revoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RevocationPolicyTest {

    private static final String ROLE_ID = "AROAEXAMPLEEXAMPLE123";
    private static final Instant T = Instant.parse("2026-11-25T20:10:00Z");

    private static String id(String session) {
        return ROLE_ID + ":" + session;
    }

    /** IAM's answer: RFC 3986 percent-encoding, {@code +} as {@code %2B}. */
    private static String asIamReturnsIt(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
    }

    @Test
    void writesOneDenyStatementPerExpiryHourWithSortedIds() {
        RevocationPolicy policy = RevocationPolicy.empty()
                .with(id("b@1-1"), T.plus(Duration.ofMinutes(30)))
                .with(id("a@1-1"), T.plus(Duration.ofMinutes(45)))
                .with(id("c@2-1"), T.plus(Duration.ofMinutes(51)));

        assertThat(policy.toJson())
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Sid\":\"RevokedUntil20261125T2100Z\",\"Effect\":\"Deny\",\"Action\":\"*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:userid\":[\"" + id("a@1-1")
                        + "\",\"" + id("b@1-1") + "\"]}}},"
                        + "{\"Sid\":\"RevokedUntil20261125T2200Z\",\"Effect\":\"Deny\",\"Action\":\"*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:userid\":[\"" + id("c@2-1")
                        + "\"]}}}]}");
    }

    @Test
    void theSameContentGivesTheSameTextWhateverTheOrderOfRevocations() {
        List<RevokedSession> sessions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sessions.add(new RevokedSession(id("job@" + i + "-1"), T.plus(Duration.ofMinutes(17L * i))));
        }
        String first = RevocationPolicy.empty().withAll(sessions).toJson();
        Collections.shuffle(sessions, new Random(7));
        String second = RevocationPolicy.empty().withAll(sessions).toJson();

        assertThat(second).isEqualTo(first);
        assertThat(RevocationPolicy.parse(first).toJson()).isEqualTo(first);
    }

    @Test
    void readsBackWhatIamReturnsPercentEncoded() {
        RevocationPolicy policy = RevocationPolicy.empty()
                .with(id("team.app+x=main@42-1"), T.plusSeconds(900))
                .with(id("other@1-2"), T.plusSeconds(7200));

        RevocationPolicy read = RevocationPolicy.fromIam(asIamReturnsIt(policy.toJson()));

        assertThat(read).isEqualTo(policy);
        assertThat(read.contains(id("team.app+x=main@42-1"))).isTrue();
        assertThat(read.entryCount()).isEqualTo(2);
    }

    @Test
    void acceptsASingleStatementObjectAndAScalarUserId() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"RevokedUntil20261125T2100Z\","
                + "\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"StringEquals\":{\"aws:userid\":\"" + id("s@1-1") + "\"}}}}";

        RevocationPolicy policy = RevocationPolicy.parse(json);

        assertThat(policy.entries())
                .containsExactly(new RevokedSession(id("s@1-1"), Instant.parse("2026-11-25T21:00:00Z")));
    }

    @Test
    void refusesADocumentItDidNotWrite() {
        String handWritten = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}";

        assertThatThrownBy(() -> RevocationPolicy.parse(handWritten))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RevocationPolicy.POLICY_NAME)
                .hasMessageContaining("statement 1 has Sid 'null'")
                .hasMessageContaining("delete the policy");
        assertThatThrownBy(() -> RevocationPolicy.parse("not json")).hasMessageContaining("not JSON");
    }

    @Test
    void refusesSomethingThatIsNotAnAssumedRoleId() {
        assertThatThrownBy(() -> RevocationPolicy.empty().with("no colon", T))
                .hasMessageContaining("is not the id of an assumed-role session");
        assertThatThrownBy(() -> RevocationPolicy.empty().with(ROLE_ID + ":x\"],\"y", T))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesGoOnlyOnceTheirBucketAndTheGraceHavePassed() {
        Instant expiry = Instant.parse("2026-11-25T20:40:00Z"); // bucket ends 21:00
        RevocationPolicy policy = RevocationPolicy.empty().with(id("s@1-1"), expiry);

        assertThat(policy.prunedAt(expiry.plusSeconds(60)).contains(id("s@1-1")))
                .isTrue();
        assertThat(policy.prunedAt(Instant.parse("2026-11-25T21:04:59Z")).isEmpty())
                .isFalse();
        assertThat(policy.prunedAt(Instant.parse("2026-11-25T21:05:00Z")).isEmpty())
                .isTrue();
    }

    @Test
    void anExpiryOnTheHourStaysInThatHour() {
        assertThat(RevocationPolicy.bucketOf(Instant.parse("2026-11-25T21:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-25T21:00:00Z"));
        assertThat(RevocationPolicy.bucketOf(Instant.parse("2026-11-25T21:00:01Z")))
                .isEqualTo(Instant.parse("2026-11-25T22:00:00Z"));
    }

    @Test
    void countsSizeAsIamDoes() {
        RevocationPolicy policy = RevocationPolicy.empty().with(id("s@1-1"), T);
        assertThat(policy.countedLength()).isEqualTo(policy.toJson().length());
        // how many 64-character session names fit in one hour bucket: the worst case of the docs
        RevocationPolicy full = RevocationPolicy.empty();
        int n = 0;
        while (true) {
            RevocationPolicy next = full.with(id(String.format("%064d", n)), T);
            if (next.countedLength() > RevocationPolicy.IAM_ROLE_INLINE_LIMIT) {
                break;
            }
            full = next;
            n++;
        }
        assertThat(n).isBetween(100, 120);
    }
}
