package io.jenkins.plugins.awsrole;

import hudson.Extension;
import hudson.model.InvisibleAction;
import hudson.model.UnprotectedRootAction;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import java.io.IOException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Publishes the issuer's discovery document and JWKS at {@code ${JENKINS_URL}aws-oidc-role/}, where AWS fetches them
 * to verify the tokens Jenkins signs.
 *
 * <p>An unprotected root action: AWS fetches anonymously, and these two documents hold only public keys. Every other
 * path below it answers 404, so nothing else of Jenkins becomes reachable without Overall/Read.
 */
@Extension
public final class IssuerEndpoint extends InvisibleAction implements UnprotectedRootAction {

    @Override
    public String getUrlName() {
        return IssuerUrl.JENKINS_PATH;
    }

    /** Stapler's fallback for every path below this action. */
    public void doDynamic(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        IssuerDocument document = IssuerDocument.atPath(request.getRestOfPath());
        if (document == null || !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            IssuerDocumentResponder.notFound(response);
            return;
        }
        IssuerDocumentResponder.serve(
                document,
                request.getHeader("If-None-Match"),
                () -> AwsRoleConfiguration.get().issuer().documents(),
                response);
    }
}
