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
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inline policy {@value #POLICY_NAME} that denies revoked sessions of one role everything.
 *
 * <p>Shape (compact JSON, one statement per expiry bucket, buckets and ids sorted, so equal contents give equal text):
 *
 * <pre>{@code
 * {"Version":"2012-10-17","Statement":[
 *   {"Sid":"RevokedUntil20261125T2100Z","Effect":"Deny","Action":"*","Resource":"*",
 *    "Condition":{"StringEquals":{"aws:userid":["AROA...:team.app.main@42-1","AROA...:team.app.main@42-2"]}}}]}
 * }</pre>
 *
 * <p>A session's entry goes into the bucket of its expiry rounded up to the whole hour (UTC); the bucket's end is kept
 * in the {@code Sid}, which IAM allows to hold only letters and digits. The end is written nowhere else on purpose: a
 * {@code DateLessThan} on {@code aws:CurrentTime} would cost some 50 characters a statement and protect nothing, since
 * a session past its expiry cannot sign a request anyway. An entry is pruned once its bucket has ended (plus
 * {@link #PRUNE_GRACE} for clock skew between this controller and AWS). With sessions of at most 12 hours there are at
 * most 14 statements at any time.
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

    /** The width of an expiry bucket. */
    public static final Duration BUCKET = Duration.ofHours(1);

    static final String SID_PREFIX = "RevokedUntil";

    private static final DateTimeFormatter SID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern SID = Pattern.compile(SID_PREFIX + "(\\d{8}T\\d{4}Z)");

    /** What an {@code aws:userid} of an assumed-role session may contain: the role id, a colon, the session name. */
    private static final Pattern USER_ID = Pattern.compile("[\\w+=,.@:-]{2,200}");

    private static final String USER_ID_KEY = "aws:userid";

    private final NavigableMap<Instant, SortedSet<String>> buckets;

    private RevocationPolicy(NavigableMap<Instant, SortedSet<String>> buckets) {
        this.buckets = buckets;
    }

    /** A policy that revokes nothing (what a role without the inline policy has). */
    public static RevocationPolicy empty() {
        return new RevocationPolicy(Collections.emptyNavigableMap());
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
     * an object or a list, a user id as a string or a list.
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
        TreeMap<Instant, SortedSet<String>> buckets = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> statement)) {
                throw notOurs("statement " + (i + 1) + " is not an object");
            }
            Instant end = bucketEnd(statement, i + 1);
            SortedSet<String> ids = buckets.computeIfAbsent(end, k -> new TreeSet<>());
            ids.addAll(userIds(statement, i + 1));
        }
        return new RevocationPolicy(freeze(buckets));
    }

    private static Instant bucketEnd(Map<?, ?> statement, int number) {
        Object sid = statement.get("Sid");
        Matcher m = sid instanceof String s ? SID.matcher(s) : null;
        if (m == null || !m.matches()) {
            throw notOurs("statement " + number + " has Sid '" + sid + "', not " + SID_PREFIX + "<yyyyMMddTHHmmZ>");
        }
        if (!"Deny".equals(statement.get("Effect"))) {
            throw notOurs("statement " + number + " is not a Deny");
        }
        try {
            return Instant.from(SID_TIME.parse(m.group(1)));
        } catch (DateTimeParseException e) {
            throw notOurs("statement " + number + " has Sid '" + sid + "', whose time is not a valid UTC time");
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
     * This policy with one more revoked session.
     *
     * @param assumedRoleId the session's {@code aws:userid}, {@code <role id>:<session name>}
     * @param expiration when the session's credentials expire
     * @throws IllegalArgumentException when {@code assumedRoleId} is not an assumed-role user id
     */
    public RevocationPolicy with(String assumedRoleId, Instant expiration) {
        requireUserId(assumedRoleId);
        Instant end = bucketOf(expiration);
        SortedSet<String> existing = buckets.get(end);
        if (existing != null && existing.contains(assumedRoleId)) {
            return this;
        }
        TreeMap<Instant, SortedSet<String>> copy = mutableCopy();
        copy.computeIfAbsent(end, k -> new TreeSet<>()).add(assumedRoleId);
        return new RevocationPolicy(freeze(copy));
    }

    /** This policy with every given entry added. */
    public RevocationPolicy withAll(Collection<RevokedSession> sessions) {
        RevocationPolicy out = this;
        for (RevokedSession s : sessions) {
            out = out.with(s.assumedRoleId(), s.expiration());
        }
        return out;
    }

    /** This policy without the buckets that ended, plus {@link #PRUNE_GRACE}, at or before {@code now}. */
    public RevocationPolicy prunedAt(Instant now) {
        Instant cutoff = now.minus(PRUNE_GRACE);
        NavigableMap<Instant, SortedSet<String>> live = buckets.tailMap(cutoff, false);
        return live.size() == buckets.size() ? this : new RevocationPolicy(freeze(new TreeMap<>(live)));
    }

    /** Whether the session with this {@code aws:userid} is denied. */
    public boolean contains(String assumedRoleId) {
        for (SortedSet<String> ids : buckets.values()) {
            if (ids.contains(assumedRoleId)) {
                return true;
            }
        }
        return false;
    }

    /** How many sessions the policy denies. */
    public int entryCount() {
        return buckets.values().stream().mapToInt(SortedSet::size).sum();
    }

    /** Whether the policy denies nothing (IAM refuses a policy without statements, so it is then not written). */
    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** The entries, each with its bucket's end as expiration, in bucket then id order. */
    public List<RevokedSession> entries() {
        List<RevokedSession> out = new ArrayList<>();
        buckets.forEach((end, ids) -> ids.forEach(id -> out.add(new RevokedSession(id, end))));
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
        boolean firstStatement = true;
        for (Map.Entry<Instant, SortedSet<String>> bucket : buckets.entrySet()) {
            out.append(firstStatement ? "" : ",")
                    .append("{\"Sid\":\"")
                    .append(SID_PREFIX)
                    .append(SID_TIME.format(bucket.getKey()))
                    .append("\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",")
                    .append("\"Condition\":{\"StringEquals\":{\"")
                    .append(USER_ID_KEY)
                    .append("\":[");
            boolean firstId = true;
            for (String id : bucket.getValue()) {
                // ids match USER_ID, which has nothing JSON would need escaped
                out.append(firstId ? "" : ",").append('"').append(id).append('"');
                firstId = false;
            }
            out.append("]}}}");
            firstStatement = false;
        }
        return out.append("]}").toString();
    }

    /** The end of the bucket an expiry falls in: the expiry rounded up to the whole {@link #BUCKET}. */
    static Instant bucketOf(Instant expiration) {
        Instant floor = expiration.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(expiration) ? floor : floor.plus(BUCKET);
    }

    static void requireUserId(String assumedRoleId) {
        if (assumedRoleId == null || !USER_ID.matcher(assumedRoleId).matches() || assumedRoleId.indexOf(':') <= 0) {
            throw new IllegalArgumentException("'" + assumedRoleId + "' is not the id of an assumed-role session"
                    + " (<role id>:<session name>, as STS returns it in AssumedRoleUser.AssumedRoleId).");
        }
    }

    private TreeMap<Instant, SortedSet<String>> mutableCopy() {
        TreeMap<Instant, SortedSet<String>> copy = new TreeMap<>();
        buckets.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
        return copy;
    }

    private static NavigableMap<Instant, SortedSet<String>> freeze(TreeMap<Instant, SortedSet<String>> map) {
        TreeMap<Instant, SortedSet<String>> out = new TreeMap<>();
        map.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v)));
            }
        });
        return Collections.unmodifiableNavigableMap(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevocationPolicy other && buckets.equals(other.buckets);
    }

    @Override
    public int hashCode() {
        return buckets.hashCode();
    }

    @Override
    public String toString() {
        return "RevocationPolicy{" + entryCount() + " sessions in " + buckets.size() + " buckets}";
    }
}
