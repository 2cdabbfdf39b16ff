package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The query-protocol XML envelopes (AWS-FACTS §1.5-1.6): result first, then {@code ResponseMetadata}. */
final class Xml {

    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";

    private Xml() {}

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String element(String name, String value) {
        return "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    /** ISO-8601 UTC with seconds, the way STS writes timestamps ({@code 2014-10-24T23:00:23Z}). */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String response(String namespace, String action, String resultBody, String requestId) {
        String result =
                resultBody == null ? "" : "  <" + action + "Result>\n" + resultBody + "  </" + action + "Result>\n";
        return "<" + action + "Response xmlns=\"" + namespace + "\">\n" + result + "  <ResponseMetadata>\n    "
                + element("RequestId", requestId) + "\n  </ResponseMetadata>\n</" + action + "Response>\n";
    }

    static String error(String namespace, AwsError error, String requestId) {
        return "<ErrorResponse xmlns=\"" + namespace + "\">\n  <Error>\n    " + element("Type", error.type())
                + "\n    " + element("Code", error.code) + "\n    " + element("Message", error.getMessage())
                + "\n  </Error>\n  " + element("RequestId", requestId) + "\n</ErrorResponse>\n";
    }
}
