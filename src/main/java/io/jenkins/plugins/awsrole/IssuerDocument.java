package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerDocuments;
import java.util.function.Function;

/** The two documents an OIDC issuer publishes, with the path AWS fetches each from and the name to save it under. */
enum IssuerDocument {
    DISCOVERY("/.well-known/openid-configuration", "openid-configuration", IssuerDocuments::discoveryJson),
    JWKS("/jwks", "jwks", IssuerDocuments::jwksJson);

    private final String path;
    private final String fileName;
    private final Function<IssuerDocuments, byte[]> content;

    IssuerDocument(String path, String fileName, Function<IssuerDocuments, byte[]> content) {
        this.path = path;
        this.fileName = fileName;
        this.content = content;
    }

    /** The path below the issuer URL, starting with {@code /}. */
    String path() {
        return path;
    }

    /** The file name for static hosting: no extension, because the URL AWS fetches has none. */
    String fileName() {
        return fileName;
    }

    byte[] contentOf(IssuerDocuments documents) {
        return content.apply(documents);
    }

    /** The document served at this path below the issuer URL, or {@code null}: nothing else is served there. */
    static IssuerDocument atPath(String path) {
        for (IssuerDocument document : values()) {
            if (document.path.equals(path)) {
                return document;
            }
        }
        return null;
    }
}
