package io.jenkins.plugins.awsrole.engine.oidc;

import java.util.List;

/**
 * What {@link OidcIssuer#revokeNow()} did: the keys it took out of the JWKS, and the new key that signs from now on.
 *
 * @param removed the key ids no longer published, the previous signing key first
 * @param current the id of the new signing key
 */
public record RevokedKeys(List<String> removed, String current) {

    public RevokedKeys {
        removed = List.copyOf(removed);
    }
}
