package io.jenkins.plugins.awsrole.engine.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.jenkins.plugins.awsrole.engine.json.JsonWriter;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The issuer's keys as data: an immutable snapshot the Jenkins layer persists (encrypted, it holds private keys) and
 * gives back to {@link OidcIssuer#create} after a restart. JCasC can supply it too, as the text of {@link #toText()}.
 *
 * <p>Exactly one key is current (first in the list); the others are retired keys that are still published. A next key,
 * if any, is published but signs nothing until the next rotation. {@link #toString()} shows key ids only.
 *
 * @param keys the current key first, then retired keys, newest first
 * @param next the key published ahead of the next rotation (its {@code createdAt} is when it was published), or
 *     {@code null}
 */
public record KeyRingState(List<KeyRecord> keys, KeyRecord next) {

    private static final int FORMAT_VERSION = 1;

    public KeyRingState {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A key state needs at least one key.");
        }
        if (!keys.get(0).isCurrent()
                || keys.stream().filter(KeyRecord::isCurrent).count() != 1) {
            throw new IllegalArgumentException(
                    "A key state needs exactly one current key (without retiredAt), listed first.");
        }
        if (keys.stream().map(KeyRecord::kid).distinct().count() != keys.size()) {
            throw new IllegalArgumentException("A key state lists the same key twice.");
        }
        if (next != null
                && (!next.isCurrent() || keys.stream().anyMatch(key -> key.kid().equals(next.kid())))) {
            throw new IllegalArgumentException("The next key of a key state must be a new key, not retired.");
        }
    }

    /** A state without a next key. */
    public KeyRingState(List<KeyRecord> keys) {
        this(keys, null);
    }

    /**
     * A state made of one supplied key, current from {@code now}: what JCasC uses to pin the issuer's key.
     *
     * @throws IllegalArgumentException if the key does not suit the algorithm (see {@link PrivateKeys})
     */
    public static KeyRingState ofImportedKey(SigningAlgorithm algorithm, String pkcs8Text, Instant now) {
        return new KeyRingState(
                List.of(SigningKey.imported(algorithm, pkcs8Text, now).toRecord()));
    }

    /** The key that signs new tokens. */
    public KeyRecord current() {
        return keys.get(0);
    }

    /** This state as JSON text, stable for equal states. Contains private keys: store it encrypted. */
    public String toText() {
        List<Object> list = new ArrayList<>();
        for (KeyRecord key : keys) {
            list.add(toMap(key));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", FORMAT_VERSION);
        root.put("keys", list);
        if (next != null) {
            root.put("next", toMap(next));
        }
        return JsonWriter.toText(root);
    }

    private static Map<String, Object> toMap(KeyRecord key) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kid", key.kid());
        entry.put("alg", key.algorithm().joseName());
        entry.put("createdAt", key.createdAt().toString());
        if (key.retiredAt() != null) {
            entry.put("retiredAt", key.retiredAt().toString());
        }
        entry.put("pkcs8", key.pkcs8());
        return entry;
    }

    /**
     * Reads the text of {@link #toText()}. Checks structure only; keys themselves are checked when an issuer loads them.
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    public static KeyRingState parse(String text) {
        Map<String, Object> root;
        try {
            root = JSONObjectUtils.parse(text == null ? "" : text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("The key state is not valid JSON.");
        }
        Object version = root.get("version");
        if (!(version instanceof Number n) || n.intValue() != FORMAT_VERSION) {
            throw new IllegalArgumentException("Unsupported key state version " + version + ", expected 1.");
        }
        if (!(root.get("keys") instanceof List<?> list)) {
            throw new IllegalArgumentException("The key state has no \"keys\" list.");
        }
        List<KeyRecord> keys = new ArrayList<>();
        for (Object item : list) {
            keys.add(toRecord(item, "keys"));
        }
        Object next = root.get("next");
        return new KeyRingState(keys, next == null ? null : toRecord(next, "next"));
    }

    private static KeyRecord toRecord(Object item, String where) {
        if (!(item instanceof Map<?, ?> entry)) {
            throw new IllegalArgumentException("Each key in \"" + where + "\" must be an object.");
        }
        String kid = field(entry, "kid", true);
        String retiredAt = field(entry, "retiredAt", false);
        return new KeyRecord(
                kid,
                SigningAlgorithm.fromJoseName(field(entry, "alg", true)),
                field(entry, "pkcs8", true),
                instant(kid, "createdAt", field(entry, "createdAt", true)),
                retiredAt == null ? null : instant(kid, "retiredAt", retiredAt));
    }

    private static String field(Map<?, ?> entry, String name, boolean required) {
        Object value = entry.get(name);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException("A key in the key state lacks the text field \"" + name + "\".");
        }
        return s;
    }

    private static Instant instant(String kid, String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "Key " + kid + ": \"" + name + "\" must be an ISO-8601 instant such as 2026-01-31T12:00:00Z.");
        }
    }

    @Override
    public String toString() {
        return "KeyRingState" + keys.stream().map(KeyRecord::kid).collect(Collectors.joining(", ", "[", "]"))
                + (next == null ? "" : " next " + next.kid());
    }
}
