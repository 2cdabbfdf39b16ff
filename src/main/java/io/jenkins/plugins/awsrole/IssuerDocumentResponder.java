package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerDocuments;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Writes an issuer document to an HTTP response exactly as AWS expects it: the bare JSON bytes (no Jenkins
 * {@code {"status":"ok"}} envelope), {@code application/json}, a short public cache lifetime, and an entity tag so that
 * repeated fetches cost nothing. Also writes the plugin's other downloads (the trust exports) and plain-text answers,
 * so that every file the plugin hands out is written the same way.
 */
final class IssuerDocumentResponder {

    /**
     * Five minutes: short enough that a rotated key set reaches AWS quickly (the issuer also publishes the next key a
     * day ahead), long enough that a burst of fetches is answered from caches.
     */
    static final String CACHE_CONTROL = "public, max-age=300";

    private IssuerDocumentResponder() {}

    /**
     * Serves a document to anyone (the issuer endpoint), with conditional GET.
     *
     * @param documents the current documents; it may throw {@link IllegalStateException} or {@link
     *     IllegalArgumentException} when the issuer cannot be set up (no Jenkins URL, a bad issuer URL), which becomes a
     *     503 that says why
     */
    static void serve(
            IssuerDocument document,
            String ifNoneMatch,
            Supplier<IssuerDocuments> documents,
            HttpServletResponse response)
            throws IOException {
        IssuerDocuments current;
        try {
            current = documents.get();
        } catch (IllegalStateException | IllegalArgumentException e) {
            writeText(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setHeader("ETag", current.etag());
        if (current.etag().equals(ifNoneMatch)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        write(response, IssuerDocuments.CONTENT_TYPE, document.contentOf(current));
    }

    /** Offers a document as a file download, for hosting it where AWS can reach it. */
    static void download(IssuerDocument document, IssuerDocuments documents, HttpServletResponse response)
            throws IOException {
        attachment(response, document.fileName(), IssuerDocuments.CONTENT_TYPE, document.contentOf(documents));
    }

    /**
     * Sends bytes as a file to save (a browser download, or {@code curl -OJ}), never cached: the content follows the
     * configuration and may be sensitive.
     *
     * @param fileName a plain name without quotes or path separators
     */
    static void attachment(HttpServletResponse response, String fileName, String contentType, byte[] body)
            throws IOException {
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setHeader("Cache-Control", "no-store");
        write(response, contentType, body);
    }

    static void notFound(HttpServletResponse response) throws IOException {
        writeText(response, HttpServletResponse.SC_NOT_FOUND, Messages.IssuerEndpoint_NotFound());
    }

    private static void write(HttpServletResponse response, String contentType, byte[] body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    /** A plain-text answer, one message and a newline, so that {@code curl} prints it readably. */
    static void writeText(HttpServletResponse response, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
