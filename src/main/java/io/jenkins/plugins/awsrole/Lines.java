package io.jenkins.plugins.awsrole;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists written one entry a line, as the form's text areas and JCasC's multi-line strings hold them (job and branch
 * patterns, managed policy ARNs).
 *
 * <p>Each line is stripped and blank lines are dropped: a space at the end of a text area line cannot be seen, and no
 * job name, branch name or ARN starts or ends with one, so refusing it would only puzzle the administrator.
 */
final class Lines {

    private Lines() {}

    /** The entries of a text, one a line (line feed, carriage return or both), stripped, blank lines dropped. */
    static List<String> split(String text) {
        List<String> entries = new ArrayList<>();
        if (text == null) {
            return entries;
        }
        for (String line : text.split("\r\n|\r|\n")) {
            String entry = line.strip();
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The entries as one text, one a line, with no line break at the end. */
    static String join(List<String> entries) {
        return entries == null ? "" : String.join("\n", entries);
    }
}
