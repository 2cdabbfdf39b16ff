package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.trustcode.TrustPlan;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Answers a request for a trust export: the file, or a plain-text 400 that says what to change (an unknown format, an
 * unknown account, mappings with errors, roles in several accounts for a one-account format). Plain text rather than
 * an error page, because the main client is {@code curl} in a script.
 */
final class TrustExportDownload {

    private TrustExportDownload() {}

    /**
     * @param formatId the {@code format} query parameter
     * @param account the {@code account} query parameter, or {@code null}/empty for all accounts
     * @param plan the plan of the current configuration; it throws {@link IllegalArgumentException} or {@link
     *     IllegalStateException} when the mappings have errors or the issuer cannot be set up
     */
    static void respond(String formatId, String account, Supplier<TrustPlan> plan, HttpServletResponse response)
            throws IOException {
        TrustExportFormat format = TrustExportFormat.byId(formatId);
        if (format == null) {
            badRequest(response, Messages.TrustExport_UnknownFormat(formatId, TrustExportFormat.ids()));
            return;
        }
        String wantedAccount = account == null || account.isBlank() ? null : account.strip();
        String text;
        try {
            TrustPlan whole = plan.get();
            TrustPlan part = whole;
            if (wantedAccount != null) {
                if (!whole.accounts().contains(wantedAccount)) {
                    badRequest(
                            response,
                            Messages.TrustExport_UnknownAccount(wantedAccount, String.join(", ", whole.accounts())));
                    return;
                }
                part = whole.forAccount(wantedAccount);
            }
            text = format.render(part);
        } catch (IllegalStateException e) {
            // Several accounts for a one-account format: the engine names them; the URL parameter is the way out.
            badRequest(response, e.getMessage() + "\n" + Messages.TrustExport_PickAccount());
            return;
        } catch (IllegalArgumentException e) {
            badRequest(response, e.getMessage());
            return;
        }
        IssuerDocumentResponder.attachment(
                response, format.fileName(wantedAccount), format.contentType(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static void badRequest(HttpServletResponse response, String message) throws IOException {
        IssuerDocumentResponder.writeText(response, HttpServletResponse.SC_BAD_REQUEST, message);
    }
}
