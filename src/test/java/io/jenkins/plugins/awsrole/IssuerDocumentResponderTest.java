package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerDocuments;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IssuerDocumentResponderTest {

    private static IssuerDocuments documents;

    @BeforeAll
    static void issuer() {
        OidcIssuer issuer = OidcIssuer.create(
                IssuerSettings.defaults(IssuerUrl.parse("https://ci.example.com/aws-oidc-role")),
                null,
                Clock.systemUTC(),
                state -> {});
        documents = issuer.documents();
    }

    @Test
    void servesTheBareDocumentAsJsonWithCacheHeaders() throws Exception {
        RecordedResponse r = new RecordedResponse();
        IssuerDocumentResponder.serve(IssuerDocument.DISCOVERY, null, () -> documents, r.response);

        assertThat(r.status).isEqualTo(200);
        assertThat(r.contentType).isEqualTo("application/json");
        assertThat(r.body.toByteArray()).isEqualTo(documents.discoveryJson());
        assertThat(r.contentLength).isEqualTo(documents.discoveryJson().length);
        assertThat(r.text()).startsWith("{").doesNotContain("\"status\"");
        assertThat(r.headers)
                .containsEntry("Cache-Control", "public, max-age=300")
                .containsEntry("ETag", documents.etag());
    }

    @Test
    void servesTheKeySet() throws Exception {
        RecordedResponse r = new RecordedResponse();
        IssuerDocumentResponder.serve(IssuerDocument.JWKS, null, () -> documents, r.response);
        assertThat(r.body.toByteArray()).isEqualTo(documents.jwksJson());
        assertThat(r.text()).contains("\"keys\"");
    }

    @Test
    void answersNotModifiedToAFetchWithTheCurrentEntityTag() throws Exception {
        RecordedResponse r = new RecordedResponse();
        IssuerDocumentResponder.serve(IssuerDocument.JWKS, documents.etag(), () -> documents, r.response);
        assertThat(r.status).isEqualTo(HttpServletResponse.SC_NOT_MODIFIED);
        assertThat(r.body.size()).isZero();
    }

    @Test
    void anIssuerThatCannotBeSetUpIsUnavailableWithTheReason() throws Exception {
        RecordedResponse r = new RecordedResponse();
        IssuerDocumentResponder.serve(
                IssuerDocument.DISCOVERY,
                null,
                () -> {
                    throw new IllegalArgumentException("Jenkins has no URL configured");
                },
                r.response);
        assertThat(r.status).isEqualTo(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        assertThat(r.text()).contains("Jenkins has no URL configured");
        assertThat(r.headers).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void downloadIsAnAttachmentNamedAsTheUrlExpects() throws Exception {
        RecordedResponse r = new RecordedResponse();
        IssuerDocumentResponder.download(IssuerDocument.DISCOVERY, documents, r.response);
        assertThat(r.headers.get("Content-Disposition")).isEqualTo("attachment; filename=\"openid-configuration\"");
        assertThat(r.body.toByteArray()).isEqualTo(documents.discoveryJson());
    }

    @Test
    void onlyTheTwoDocumentPathsAreKnown() {
        assertThat(IssuerDocument.atPath("/.well-known/openid-configuration")).isEqualTo(IssuerDocument.DISCOVERY);
        assertThat(IssuerDocument.atPath("/jwks")).isEqualTo(IssuerDocument.JWKS);
        assertThat(IssuerDocument.atPath("")).isNull();
        assertThat(IssuerDocument.atPath("/")).isNull();
        assertThat(IssuerDocument.atPath("/jwks/")).isNull();
        assertThat(IssuerDocument.atPath("/.well-known/openid-configuration/x")).isNull();
        assertThat(IssuerDocument.atPath("/../jwks")).isNull();
    }
}
