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

    /** A session issued at {@code issued} (its Deny reaching 5 seconds past that) that expires at {@code expiry}. */
    private static RevokedSession revoked(String session, Instant issued, Instant expiry) {
        return RevokedSession.issuedAt(id(session), issued, expiry);
    }

    /** A one-hour session issued at {@code issued}. */
    private static RevokedSession revoked(String session, Instant issued) {
        return revoked(session, issued, issued.plus(Duration.ofHours(1)));
    }

    /** IAM's answer: RFC 3986 percent-encoding, {@code +} as {@code %2B}. */
    private static String asIamReturnsIt(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
    }

    @Test
    void writesOneDenyStatementPerExpiryMinuteAndIssueTimeBoundWithSortedIds() {
        Instant issued = T.minus(Duration.ofMinutes(20));
        Instant expiry = T.plus(Duration.ofSeconds(30 * 60 - 20)); // 20:39:40, in the minute ending 20:40
        RevocationPolicy policy = RevocationPolicy.empty()
                .with(revoked("b@1-1", issued, expiry))
                .with(revoked("a@1-1", issued, expiry.plusSeconds(10)))
                .with(revoked("d@3-1", issued.plusSeconds(61), expiry))
                .with(revoked("c@2-1", issued, T.plus(Duration.ofMinutes(51))));

        assertThat(policy.toJson())
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Sid\":\"RevokedUntil20261125T2040Z\",\"Effect\":\"Deny\",\"Action\":\"*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:userid\":[\"" + id("a@1-1")
                        + "\",\"" + id("b@1-1") + "\"]},"
                        + "\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-11-25T19:50:05Z\"}}},"
                        + "{\"Sid\":\"RevokedUntil20261125T2040Z2\",\"Effect\":\"Deny\",\"Action\":\"*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:userid\":[\"" + id("d@3-1")
                        + "\"]},\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-11-25T19:51:06Z\"}}},"
                        + "{\"Sid\":\"RevokedUntil20261125T2101Z\",\"Effect\":\"Deny\",\"Action\":\"*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:userid\":[\"" + id("c@2-1")
                        + "\"]},\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-11-25T19:50:05Z\"}}}]}");
    }

    @Test
    void theDenyOfASessionReachesNoSessionOfTheSameNameIssuedLater() {
        RevokedSession first = revoked("team.app.main@42-7", T);
        RevokedSession later = revoked("team.app.main@42-7", T.plusSeconds(60));
        RevocationPolicy policy = RevocationPolicy.empty().with(first);

        assertThat(policy.denies(first)).isTrue();
        assertThat(policy.denies(later)).isFalse();
        assertThat(first.issuedBefore()).isEqualTo(T.plus(RevokedSession.ISSUE_TIME_MARGIN));
        assertThat(RevokedSession.issuedAt(id("s@1-1"), T.plusMillis(900), T.plusSeconds(3600))
                        .issuedBefore())
                .as("the issue time is known to the second; the bound is whole seconds after it")
                .isEqualTo(T.plusSeconds(5));
    }

    @Test
    void theSameContentGivesTheSameTextWhateverTheOrderOfRevocations() {
        List<RevokedSession> sessions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant issued = T.plus(Duration.ofMinutes(7L * i));
            sessions.add(revoked("job@" + i + "-1", issued, issued.plus(Duration.ofMinutes(17L * i + 15))));
        }
        String first = RevocationPolicy.empty().withAll(sessions).toJson();
        Collections.shuffle(sessions, new Random(7));
        String second = RevocationPolicy.empty().withAll(sessions).toJson();
        String third = RevocationPolicy.empty()
                .withAll(sessions)
                .cutOffAt(T.plusSeconds(3600))
                .toJson();

        assertThat(second).isEqualTo(first);
        assertThat(RevocationPolicy.parse(first).toJson()).isEqualTo(first);
        assertThat(RevocationPolicy.parse(third).toJson()).isEqualTo(third);
    }

    @Test
    void readsBackWhatIamReturnsPercentEncoded() {
        RevocationPolicy policy = RevocationPolicy.empty()
                .with(revoked("team.app+x=main@42-1", T, T.plusSeconds(900)))
                .with(revoked("other@1-2", T, T.plusSeconds(7200)))
                .cutOffAt(T.minusSeconds(600));

        RevocationPolicy read = RevocationPolicy.fromIam(asIamReturnsIt(policy.toJson()));

        assertThat(read).isEqualTo(policy);
        assertThat(read.contains(id("team.app+x=main@42-1"))).isTrue();
        assertThat(read.entryCount()).isEqualTo(2);
        assertThat(read.cutOff()).isPresent();
    }

    @Test
    void readsAStatementOfAnEarlierVersionWithoutIssueTimeAsBoundedByItsHour() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"RevokedUntil20261125T2100Z\","
                + "\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"StringEquals\":{\"aws:userid\":\"" + id("s@1-1") + "\"}}}}";

        RevocationPolicy policy = RevocationPolicy.parse(json);

        Instant hour = Instant.parse("2026-11-25T21:00:00Z");
        assertThat(policy.entries()).containsExactly(new RevokedSession(id("s@1-1"), hour, hour));
        assertThat(policy.denies(revoked("s@1-1", T, T.plus(Duration.ofMinutes(40)))))
                .as("the session it was written for")
                .isTrue();
    }

    @Test
    void refusesADocumentItDidNotWrite() {
        String handWritten = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}";
        String allow = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"RevokedUntil20261125T2100Z\","
                + "\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        String cutOffWithoutTime = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                + "\"RevokeOlderSessionsUntil20261125T2100Z\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

        assertThatThrownBy(() -> RevocationPolicy.parse(handWritten))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RevocationPolicy.POLICY_NAME)
                .hasMessageContaining("statement 1 has Sid 'null'")
                .hasMessageContaining("delete the policy");
        assertThatThrownBy(() -> RevocationPolicy.parse(allow)).hasMessageContaining("statement 1 is not a Deny");
        assertThatThrownBy(() -> RevocationPolicy.parse(cutOffWithoutTime))
                .hasMessageContaining("no DateLessThan condition on aws:TokenIssueTime");
        assertThatThrownBy(() -> RevocationPolicy.parse("not json")).hasMessageContaining("not JSON");
    }

    @Test
    void refusesSomethingThatIsNotAnAssumedRoleId() {
        assertThatThrownBy(() -> RevokedSession.issuedAt("no colon", T, T))
                .hasMessageContaining("is not the id of an assumed-role session");
        assertThatThrownBy(() -> RevokedSession.issuedAt(ROLE_ID + ":x\"],\"y", T, T))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesGoOnlyOnceTheirBucketAndTheGraceHavePassed() {
        Instant expiry = Instant.parse("2026-11-25T20:39:30Z"); // bucket ends 20:40
        RevocationPolicy policy = RevocationPolicy.empty().with(revoked("s@1-1", T, expiry));

        assertThat(policy.prunedAt(expiry.plusSeconds(60)).contains(id("s@1-1")))
                .isTrue();
        assertThat(policy.prunedAt(Instant.parse("2026-11-25T20:44:59Z")).isEmpty())
                .isFalse();
        assertThat(policy.prunedAt(Instant.parse("2026-11-25T20:45:00Z")).isEmpty())
                .isTrue();
    }

    @Test
    void anExpiryOnTheMinuteStaysInThatMinute() {
        assertThat(RevocationPolicy.bucketOf(Instant.parse("2026-11-25T21:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-25T21:00:00Z"));
        assertThat(RevocationPolicy.bucketOf(Instant.parse("2026-11-25T21:00:01Z")))
                .isEqualTo(Instant.parse("2026-11-25T21:01:00Z"));
    }

    @Test
    void aCutOffFoldsInTheEntriesItCoversKeepsTheLaterOnesAndStaysUntilTheirLastHourEnds() {
        RevocationPolicy policy = RevocationPolicy.empty()
                .with(revoked("old@1-1", T, T.plus(Duration.ofMinutes(170)))) // expires 23:00, its bucket's end
                .with(revoked("mid@2-1", T.plusSeconds(60)))
                .with(revoked("new@3-1", T.plusSeconds(120)));

        RevocationPolicy cut = policy.cutOffAt(T.plusSeconds(65));

        assertThat(cut.cutOff())
                .contains(new RevocationPolicy.CutOff(T.plusSeconds(65), Instant.parse("2026-11-25T23:00:00Z")));
        assertThat(cut.entries()).extracting(RevokedSession::assumedRoleId).containsExactly(id("new@3-1"));
        assertThat(cut.denies(revoked("old@1-1", T, T.plus(Duration.ofMinutes(170)))))
                .isTrue();
        assertThat(cut.denies(revoked("mid@2-1", T.plusSeconds(60)))).isTrue();
        assertThat(cut.denies(revoked("new@3-1", T.plusSeconds(120)))).isTrue();
        assertThat(cut.denies(revoked("anyone@9-1", T.plusSeconds(30))))
                .as("every session of the role issued before the cut-off")
                .isTrue();
        assertThat(cut.denies(revoked("anyone@9-1", T.plusSeconds(70))))
                .as("a session issued after it")
                .isFalse();
        assertThat(cut.countedLength()).isLessThan(policy.countedLength());
        assertThat(cut.prunedAt(Instant.parse("2026-11-25T23:04:59Z")).cutOff()).isPresent();
        assertThat(cut.prunedAt(Instant.parse("2026-11-25T23:05:00Z")).isEmpty())
                .isTrue();
    }

    @Test
    void aSessionTheCutOffAlreadyDeniesAddsNoStatementButKeepsTheCutOffUntilItExpires() {
        RevocationPolicy cut = RevocationPolicy.empty().cutOffAt(T.plusSeconds(600));
        RevokedSession older = revoked("long@1-1", T, T.plus(Duration.ofHours(5)));

        RevocationPolicy with = cut.with(older);

        assertThat(with.entryCount()).isZero();
        assertThat(with.cutOff().orElseThrow().until()).isEqualTo(Instant.parse("2026-11-26T01:10:00Z"));
        assertThat(with.denies(older)).isTrue();
    }

    @Test
    void theFallbackCutsOffNoFurtherThanItMust() {
        RevocationPolicy policy = RevocationPolicy.empty();
        for (int i = 0; i < 10; i++) {
            policy = policy.with(revoked("s@" + i + "-1", T.plusSeconds(60L * i)));
        }
        RevokedSession revoking = revoked("s@3-1", T.plusSeconds(180));
        int room = policy.countedLength() - 1;

        RevocationPolicy fitted =
                policy.fittedByCutOff(revoking, T.plusSeconds(600), room).orElseThrow();

        assertThat(fitted.cutOff().orElseThrow().issuedBefore())
                .as("just after the session being revoked: older ones are folded in, newer ones keep their own")
                .isEqualTo(revoking.issuedBefore());
        assertThat(fitted.entryCount()).isEqualTo(6);
        assertThat(fitted.denies(revoking)).isTrue();
        int tight = RevocationPolicy.empty()
                .with(revoked("s@9-1", T.plusSeconds(540)))
                .cutOffAt(T)
                .countedLength();
        RevocationPolicy tighter =
                policy.fittedByCutOff(revoking, T.plusSeconds(600), tight).orElseThrow();
        assertThat(tighter.cutOff().orElseThrow().issuedBefore())
                .as("further on when that is not enough, up to the newest entry")
                .isEqualTo(T.plusSeconds(485));
        assertThat(tighter.entries()).extracting(RevokedSession::assumedRoleId).containsExactly(id("s@9-1"));
        assertThat(policy.fittedByCutOff(revoking, T.plusSeconds(600), 100)).isEmpty();
    }

    @Test
    void theFallbackNeverCutsOffSessionsTheRoleHasNotIssuedYet() {
        // An entry of an earlier version, bounded by its hour's end: far in the future.
        RevocationPolicy legacy = RevocationPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                + "\"RevokedUntil20261126T0800Z\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:userid\":[\"" + id("legacy@1-1") + "\"]}}}]}");
        RevocationPolicy policy = legacy.with(revoked("s@2-1", T));

        RevocationPolicy fitted = policy.fittedByCutOff(revoked("s@2-1", T), T, policy.countedLength() - 1)
                .orElseThrow();

        assertThat(fitted.cutOff().orElseThrow().issuedBefore()).isEqualTo(T.plusSeconds(5));
        assertThat(fitted.contains(id("legacy@1-1"))).isTrue();
        assertThat(policy.fittedByCutOff(revoked("s@2-1", T), T, fitted.countedLength() - 1))
                .isEmpty();
    }

    @Test
    void countsSizeAsIamDoes() {
        RevocationPolicy policy =
                RevocationPolicy.empty().with(revoked("s@1-1", T)).cutOffAt(T.minusSeconds(60));
        assertThat(policy.countedLength()).isEqualTo(policy.toJson().length());
        // How many sessions with 64-character names, each issued at its own second, fit: the docs' worst case.
        RevocationPolicy full = RevocationPolicy.empty();
        int n = 0;
        while (true) {
            RevocationPolicy next = full.with(revoked(String.format("%064d", n), T.plusSeconds(10L * n)));
            if (next.countedLength() > RevocationPolicy.IAM_ROLE_INLINE_LIMIT) {
                break;
            }
            full = next;
            n++;
        }
        assertThat(n).isEqualTo(36);
        // and with 25-character names, the typical case
        full = RevocationPolicy.empty();
        n = 0;
        while (true) {
            RevocationPolicy next = full.with(revoked(String.format("%025d", n), T.plusSeconds(10L * n)));
            if (next.countedLength() > RevocationPolicy.IAM_ROLE_INLINE_LIMIT) {
                break;
            }
            full = next;
            n++;
        }
        assertThat(n).isEqualTo(42);
    }
}
