package io.jenkins.plugins.awsrole.engine.fakeaws;

/** An error answer of the local AWS server, as AWS words it: HTTP status, {@code Sender}/{@code Receiver}, code. */
final class AwsError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String code;

    AwsError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    String type() {
        return status >= 500 ? "Receiver" : "Sender";
    }

    static AwsError accessDenied(String message) {
        return new AwsError(403, "AccessDenied", message);
    }

    static AwsError invalidIdentityToken(String message) {
        return new AwsError(400, "InvalidIdentityToken", message);
    }

    static AwsError validation(String message) {
        return new AwsError(400, "ValidationError", message);
    }
}
