package io.jenkins.plugins.awsrole.engine.revoke;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inline policy {@value #POLICY_NAME} that denies revoked sessions of one role everything.
 *
 * <p>Shape (compact JSON, statements sorted, ids sorted, so equal contents give equal text):
 *
 * <pre>{@code
 * {"Version":"2012-10-17","Statement":[
 *   {"Sid":"RevokedUntil20261125T2100Z","Effect":"Deny","Action":"*","Resource":"*",
 *    "Condition":{"StringEquals":{"aws:userid":["AROA...:team.app.main@42-1"]},
 *                 "DateLessThan":{"aws:TokenIssueTime":"2026-11-25T20:00:05Z"}}},
 *   {"Sid":"RevokeOlderSessionsUntil20261125T2200Z","Effect":"Deny","Action":"*","Resource":"*",
 *    "Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-25T20:30:05Z"}}}]}
 * }</pre>
 *
 * <p><b>Per session.</b> A session's entry denies its {@code aws:userid}, but only for sessions of that id issued
 * before the entry's bound ({@link RevokedSession#issuedBefore()}, just after the revoked session's issue time): a
 * later session that happens to get the same name (a job deleted and created again, another controller) is not
 * reached. So each statement holds the sessions of one issue-time bound, which costs some 190 characters a statement
 * besides the ids; sessions with the same bound and the same expiry bucket (the expiry rounded up to the whole minute,
 * UTC) share one. The bucket's end is kept in the {@code Sid}, which IAM allows to hold only letters and digits, with a
 * counter when a bucket has several statements. An entry is pruned once its bucket has ended (plus
 * {@link #PRUNE_GRACE} for clock skew between this controller and AWS): a session past its expiry cannot sign a
 * request anyway. (Earlier versions grouped entries by the hour and wrote no bound; such statements are still read.)
 *
 * <p><b>Role-wide cut-off.</b> When the entries no longer fit ({@link #fittedByCutOff}), the policy falls back to what
 * the IAM console's "Revoke active sessions" writes: a Deny on every session of the role issued before a time. It
 * replaces every entry whose bound is not after that time, so the policy shrinks; it also denies every other session
 * of the role issued before then, such as other builds' sessions still running. The cut-off is kept until the last
 * expiry bucket of the entries it stands for has ended.
 *
 * <p>Immutable. Size is counted as IAM counts it: characters, whitespace not counted (there is none in the output).
 */
public final class RevocationPolicy {

    /** The name of the inline policy on each target role. */
    public static final String POLICY_NAME = "aws-oidc-role-revocations";

    /** IAM's limit on all inline policies of one role together, in characters, whitespace not counted. */
    public static final int IAM_ROLE_INLINE_LIMIT = 10_240;

    /** How long entries are kept past their bucket's end, so that a controller clock ahead of AWS's prunes nothing live. */
    public static final Duration PRUNE_GRACE = Duration.ofMinutes(5);

    /** The width of an expiry bucket: entries go soon after their session expires, to leave room for new ones. */
    public static final Duration BUCKET = Duration.ofMinutes(1);

    static final String SID_PREFIX = "RevokedUntil";

    static final String CUT_OFF_SID_PREFIX = "RevokeOlderSessionsUntil";

    private static final DateTimeFormatter SID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern SID = Pattern.compile(SID_PREFIX + "(\\d{8}T\\d{4}Z)(\\d*)");
    private static final Pattern CUT_OFF_SID = Pattern.compile(CUT_OFF_SID_PREFIX + "(\\d{8}T\\d{4}Z)");

    /** What an {@code aws:userid} of an assumed-role session may contain: the role id, a colon, the session name. */
    private static final Pattern USER_ID = Pattern.compile("[\\w+=,.@:-]{2,200}");

    private static final String USER_ID_KEY = "aws:userid";

    private static final String ISSUE_TIME_KEY = "aws:TokenIssueTime";

    /** Entries that share a statement: the end of their expiry bucket and their issue-time bound. */
    private record Group(Instant bucketEnd, Instant issuedBefore) implements Comparable<Group> {
        @Override
        public int compareTo(Group o) {
            int byBucket = bucketEnd.compareTo(o.bucketEnd);
            return byBucket != 0 ? byBucket : issuedBefore.compareTo(o.issuedBefore);
        }
    }

    /**
     * The role-wide cut-off.
     *
     * @param issuedBefore every session of the role issued before this time is denied
     * @param until the end of the last expiry bucket of the revoked sessions it stands for; pruned after that
     */
    public record CutOff(Instant issuedBefore, Instant until) {

        /** Requires both times. */
        public CutOff {
            Objects.requireNonNull(issuedBefore, "issuedBefore");
            Objects.requireNonNull(until, "until");
        }

        /** Whether this cut-off denies the session until its expiry bucket ends. */
        boolean covers(RevokedSession s) {
            return !s.issuedBefore().isAfter(issuedBefore) && !until.isBefore(bucketOf(s.expiration()));
        }
    }

    private final NavigableMap<Group, SortedSet<String>> groups;

    /** {@code null} when there is none. */
    private final CutOff cutOff;

    private RevocationPolicy(NavigableMap<Group, SortedSet<String>> groups, CutOff cutOff) {
        this.groups = groups;
        this.cutOff = cutOff;
    }

    /** A policy that revokes nothing (what a role without the inline policy has). */
    public static RevocationPolicy empty() {
        return new RevocationPolicy(Collections.emptyNavigableMap(), null);
    }

    /**
     * Parses the document as IAM's {@code GetRolePolicy} returns it: percent-encoded (RFC 3986). The AWS SDK for Java
     * does not decode it. A literal {@code +} is kept as {@code +} ({@link URLDecoder} would make it a space).
     *
     * @throws IllegalArgumentException when the document is not one this plugin wrote; the message says what to fix
     */
    public static RevocationPolicy fromIam(String urlEncodedDocument) {
        Objects.requireNonNull(urlEncodedDocument, "urlEncodedDocument");
        String json;
        try {
            json = URLDecoder.decode(urlEncodedDocument.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notOurs("it is not validly percent-encoded (" + e.getMessage() + ")");
        }
        return parse(json);
    }

    /**
     * Parses a plain JSON document. Accepts what IAM may hand back for what this class wrote: {@code Statement} as
     * an object or a list, a user id as a string or a list. A per-session statement without an issue-time bound
     * (written by an earlier version of the plugin) is read as bounded by its bucket's end, which still reaches the
     * sessions it was written for.
     *
     * @throws IllegalArgumentException when the document is not one this plugin wrote; the message says what to fix
     */
    public static RevocationPolicy parse(String json) {
        Map<String, Object> root;
        try {
            root = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw notOurs("it is not JSON (" + e.getMessage() + ")");
        }
        Object statements = root.get("Statement");
        List<Object> list = statements instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        if (statements instanceof Map<?, ?> single) {
            list.add(single);
        }
        TreeMap<Group, SortedSet<String>> groups = new TreeMap<>();
        CutOff cutOff = null;
        for (int i = 0; i < list.size(); i++) {
            int number = i + 1;
            if (!(list.get(i) instanceof Map<?, ?> statement)) {
                throw notOurs("statement " + number + " is not an object");
            }
            if (!"Deny".equals(statement.get("Effect"))) {
                throw notOurs("statement " + number + " is not a Deny");
            }
            Object sid = statement.get("Sid");
            Matcher cut = sid instanceof String s ? CUT_OFF_SID.matcher(s) : null;
            if (cut != null && cut.matches()) {
                Instant before = issueTimeBound(statement, number);
                if (before == null) {
                    throw notOurs("statement " + number + " has no DateLessThan condition on " + ISSUE_TIME_KEY);
                }
                cutOff = merge(cutOff, new CutOff(before, sidTime(cut.group(1), sid, number)));
                continue;
            }
            Matcher m = sid instanceof String s ? SID.matcher(s) : null;
            if (m == null || !m.matches()) {
                throw notOurs("statement " + number + " has Sid '" + sid + "', not " + SID_PREFIX
                        + "<yyyyMMddTHHmmZ> or " + CUT_OFF_SID_PREFIX + "<yyyyMMddTHHmmZ>");
            }
            Instant end = sidTime(m.group(1), sid, number);
            Instant bound = issueTimeBound(statement, number);
            Group group = new Group(end, bound == null ? end : bound);
            groups.computeIfAbsent(group, k -> new TreeSet<>()).addAll(userIds(statement, number));
        }
        return new RevocationPolicy(freeze(groups), cutOff);
    }

    private static Instant sidTime(String text, Object sid, int number) {
        try {
            return Instant.from(SID_TIME.parse(text));
        } catch (DateTimeParseException e) {
            throw notOurs("statement " + number + " has Sid '" + sid + "', whose time is not a valid UTC time");
        }
    }

    /** The statement's {@code DateLessThan} on {@code aws:TokenIssueTime}, or {@code null} when it has none. */
    private static Instant issueTimeBound(Map<?, ?> statement, int number) {
        Object condition = statement.get("Condition");
        Object dates = condition instanceof Map<?, ?> c ? c.get("DateLessThan") : null;
        if (dates == null) {
            return null;
        }
        Object value = dates instanceof Map<?, ?> d ? d.get(ISSUE_TIME_KEY) : null;
        if (!(value instanceof String text)) {
            throw notOurs(
                    "statement " + number + " has a DateLessThan condition that is not one time on " + ISSUE_TIME_KEY);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw notOurs("statement " + number + " has " + ISSUE_TIME_KEY + " '" + text + "', not a UTC time");
        }
    }

    private static List<String> userIds(Map<?, ?> statement, int number) {
        Object condition = statement.get("Condition");
        Object equals = condition instanceof Map<?, ?> c ? c.get("StringEquals") : null;
        Object ids = equals instanceof Map<?, ?> e ? e.get(USER_ID_KEY) : null;
        List<String> out = new ArrayList<>();
        if (ids instanceof String s) {
            out.add(s);
        } else if (ids instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw notOurs("statement " + number + " lists a user id that is not a string");
                }
                out.add(s);
            }
        } else {
            throw notOurs("statement " + number + " has no StringEquals condition on " + USER_ID_KEY);
        }
        return out;
    }

    private static IllegalArgumentException notOurs(String why) {
        return new IllegalArgumentException("The inline policy " + POLICY_NAME
                + " was not written by this plugin, or was edited: " + why + ". The plugin owns this policy and"
                + " will not overwrite what it cannot read; delete the policy from the role (the sessions it"
                + " revoked may then work again until they expire) or restore its previous content.");
    }

    /**
     * This policy with one more revoked session. A session the cut-off already denies adds no statement; the cut-off
     * is kept until the session's expiry bucket has ended.
     */
    public RevocationPolicy with(RevokedSession session) {
        if (cutOff != null && !session.issuedBefore().isAfter(cutOff.issuedBefore())) {
            Instant bucket = bucketOf(session.expiration());
            return cutOff.until().isBefore(bucket)
                    ? new RevocationPolicy(groups, new CutOff(cutOff.issuedBefore(), bucket))
                    : this;
        }
        Group group = new Group(bucketOf(session.expiration()), session.issuedBefore());
        SortedSet<String> existing = groups.get(group);
        if (existing != null && existing.contains(session.assumedRoleId())) {
            return this;
        }
        TreeMap<Group, SortedSet<String>> copy = mutableCopy();
        copy.computeIfAbsent(group, k -> new TreeSet<>()).add(session.assumedRoleId());
        return new RevocationPolicy(freeze(copy), cutOff);
    }

    /** This policy with every given entry added. */
    public RevocationPolicy withAll(Collection<RevokedSession> sessions) {
        RevocationPolicy out = this;
        for (RevokedSession s : sessions) {
            out = out.with(s);
        }
        return out;
    }

    /**
     * This policy with a role-wide cut-off at {@code issuedBefore} (or the existing one, if later): every session of
     * the role issued before it is denied, and the entries it makes redundant (bound not after it) are folded into it.
     */
    public RevocationPolicy cutOffAt(Instant issuedBefore) {
        Instant at = issuedBefore.truncatedTo(ChronoUnit.SECONDS);
        CutOff merged = merge(cutOff, new CutOff(at, Instant.EPOCH));
        Instant until = merged.until();
        TreeMap<Group, SortedSet<String>> kept = new TreeMap<>();
        for (Map.Entry<Group, SortedSet<String>> e : groups.entrySet()) {
            if (e.getKey().issuedBefore().isAfter(merged.issuedBefore())) {
                kept.put(e.getKey(), e.getValue());
            } else if (until.isBefore(e.getKey().bucketEnd())) {
                until = e.getKey().bucketEnd();
            }
        }
        return new RevocationPolicy(freeze(kept), new CutOff(merged.issuedBefore(), until));
    }

    /**
     * The policy that fits within {@code maxCharacters} with the least reaching cut-off that still denies
     * {@code session}: the earliest of the entries' bounds, from the session's own on, whose cut-off makes the policy
     * fit. Bounds more than {@link #PRUNE_GRACE} after {@code now} are never used, so that no cut-off reaches sessions
     * the role will issue later.
     *
     * @param session the session being revoked; the cut-off is never earlier than its bound
     * @param now the controller's time, for pruning and for the limit above
     * @return the smaller policy, or empty when no cut-off makes it fit
     */
    public Optional<RevocationPolicy> fittedByCutOff(RevokedSession session, Instant now, int maxCharacters) {
        Instant latest = now.plus(PRUNE_GRACE);
        SortedSet<Instant> candidates = new TreeSet<>();
        candidates.add(session.issuedBefore());
        for (Group group : groups.keySet()) {
            if (group.issuedBefore().isAfter(session.issuedBefore())
                    && !group.issuedBefore().isAfter(latest)) {
                candidates.add(group.issuedBefore());
            }
        }
        for (Instant at : candidates) {
            RevocationPolicy cut = cutOffAt(at).prunedAt(now);
            if (cut.countedLength() <= maxCharacters) {
                return Optional.of(cut);
            }
        }
        return Optional.empty();
    }

    private static CutOff merge(CutOff a, CutOff b) {
        if (a == null) {
            return b;
        }
        return new CutOff(
                a.issuedBefore().isAfter(b.issuedBefore()) ? a.issuedBefore() : b.issuedBefore(),
                a.until().isAfter(b.until()) ? a.until() : b.until());
    }

    /** This policy without the buckets (and the cut-off) that ended, plus {@link #PRUNE_GRACE}, at or before {@code now}. */
    public RevocationPolicy prunedAt(Instant now) {
        Instant limit = now.minus(PRUNE_GRACE);
        TreeMap<Group, SortedSet<String>> live = new TreeMap<>();
        groups.forEach((group, ids) -> {
            if (group.bucketEnd().isAfter(limit)) {
                live.put(group, ids);
            }
        });
        CutOff liveCutOff = cutOff != null && cutOff.until().isAfter(limit) ? cutOff : null;
        return live.size() == groups.size() && liveCutOff == cutOff
                ? this
                : new RevocationPolicy(freeze(live), liveCutOff);
    }

    /** Whether a per-session statement names this {@code aws:userid} (the cut-off not counted). */
    public boolean contains(String assumedRoleId) {
        for (SortedSet<String> ids : groups.values()) {
            if (ids.contains(assumedRoleId)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this policy denies the session until its expiry bucket ends, by its own statement or the cut-off. */
    public boolean denies(RevokedSession session) {
        if (cutOff != null && cutOff.covers(session)) {
            return true;
        }
        Instant bucket = bucketOf(session.expiration());
        for (Map.Entry<Group, SortedSet<String>> e : groups.entrySet()) {
            if (!e.getKey().issuedBefore().isBefore(session.issuedBefore())
                    && !e.getKey().bucketEnd().isBefore(bucket)
                    && e.getValue().contains(session.assumedRoleId())) {
                return true;
            }
        }
        return false;
    }

    /** The role-wide cut-off, if the policy has fallen back to one. */
    public Optional<CutOff> cutOff() {
        return Optional.ofNullable(cutOff);
    }

    /** How many sessions the per-session statements deny. */
    public int entryCount() {
        return groups.values().stream().mapToInt(SortedSet::size).sum();
    }

    /** Whether the policy denies nothing (IAM refuses a policy without statements, so it is then not written). */
    public boolean isEmpty() {
        return groups.isEmpty() && cutOff == null;
    }

    /** The per-session entries, each with its bucket's end as expiration, in statement then id order. */
    public List<RevokedSession> entries() {
        List<RevokedSession> out = new ArrayList<>();
        groups.forEach((group, ids) ->
                ids.forEach(id -> out.add(new RevokedSession(id, group.issuedBefore(), group.bucketEnd()))));
        return out;
    }

    /** The size as IAM counts it: characters other than whitespace. */
    public int countedLength() {
        String json = toJson();
        int n = 0;
        for (int i = 0; i < json.length(); i++) {
            if (!Character.isWhitespace(json.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** The document, compact and deterministic. */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        Instant bucket = null;
        int inBucket = 0;
        for (Map.Entry<Group, SortedSet<String>> e : groups.entrySet()) {
            Group group = e.getKey();
            inBucket = group.bucketEnd().equals(bucket) ? inBucket + 1 : 1;
            bucket = group.bucketEnd();
            out.append(out.charAt(out.length() - 1) == '[' ? "" : ",")
                    .append("{\"Sid\":\"")
                    .append(SID_PREFIX)
                    .append(SID_TIME.format(group.bucketEnd()))
                    .append(inBucket == 1 ? "" : String.valueOf(inBucket))
                    .append("\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",")
                    .append("\"Condition\":{\"StringEquals\":{\"")
                    .append(USER_ID_KEY)
                    .append("\":[");
            boolean firstId = true;
            for (String id : e.getValue()) {
                // ids match USER_ID, which has nothing JSON would need escaped
                out.append(firstId ? "" : ",").append('"').append(id).append('"');
                firstId = false;
            }
            out.append("]},");
            appendIssueTimeBound(out, group.issuedBefore());
            out.append("}}");
        }
        if (cutOff != null) {
            out.append(out.charAt(out.length() - 1) == '[' ? "" : ",")
                    .append("{\"Sid\":\"")
                    .append(CUT_OFF_SID_PREFIX)
                    .append(SID_TIME.format(cutOff.until()))
                    .append("\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{");
            appendIssueTimeBound(out, cutOff.issuedBefore());
            out.append("}}");
        }
        return out.append("]}").toString();
    }

    private static void appendIssueTimeBound(StringBuilder out, Instant before) {
        // Whole seconds, ISO 8601 with Z: a form IAM's date conditions read.
        out.append("\"DateLessThan\":{\"")
                .append(ISSUE_TIME_KEY)
                .append("\":\"")
                .append(before.truncatedTo(ChronoUnit.SECONDS))
                .append("\"}");
    }

    /** The end of the bucket an expiry falls in: the expiry rounded up to the whole {@link #BUCKET}. */
    static Instant bucketOf(Instant expiration) {
        Instant floor = expiration.truncatedTo(ChronoUnit.MINUTES);
        return floor.equals(expiration) ? floor : floor.plus(BUCKET);
    }

    static void requireUserId(String assumedRoleId) {
        if (assumedRoleId == null || !USER_ID.matcher(assumedRoleId).matches() || assumedRoleId.indexOf(':') <= 0) {
            throw new IllegalArgumentException("'" + assumedRoleId + "' is not the id of an assumed-role session"
                    + " (<role id>:<session name>, as STS returns it in AssumedRoleUser.AssumedRoleId).");
        }
    }

    private TreeMap<Group, SortedSet<String>> mutableCopy() {
        TreeMap<Group, SortedSet<String>> copy = new TreeMap<>();
        groups.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
        return copy;
    }

    private static NavigableMap<Group, SortedSet<String>> freeze(TreeMap<Group, SortedSet<String>> map) {
        TreeMap<Group, SortedSet<String>> out = new TreeMap<>();
        map.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v)));
            }
        });
        return Collections.unmodifiableNavigableMap(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevocationPolicy other
                && groups.equals(other.groups)
                && Objects.equals(cutOff, other.cutOff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groups, cutOff);
    }

    @Override
    public String toString() {
        return "RevocationPolicy{" + entryCount() + " sessions in " + groups.size() + " statements"
                + (cutOff == null ? "" : ", cut-off before " + cutOff.issuedBefore()) + "}";
    }
}
