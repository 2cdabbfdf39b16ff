package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names for template resources made from IAM role names: CloudFormation logical ids ({@code [A-Za-z0-9]+}) and
 * Terraform resource names ({@code [a-z0-9_]}, not starting with a digit). Role names may differ only in characters
 * these forbid ({@code a-b} and {@code a.b}), so clashes get a number; the plan's sorted order keeps numbering stable.
 */
final class ResourceNames {

    private final Set<String> used = new HashSet<>();

    ResourceNames(String... reserved) {
        used.addAll(Set.of(reserved));
    }

    /** {@code app-deploy} becomes {@code AppDeployRole}. */
    String cloudFormation(String roleName) {
        StringBuilder id = new StringBuilder();
        boolean upper = true;
        for (char c : roleName.toCharArray()) {
            if (c < 128 && Character.isLetterOrDigit(c)) {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return unique(id.append("Role").toString());
    }

    /** {@code app-deploy} becomes {@code app_deploy}. */
    String terraform(String roleName) {
        String name = roleName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return unique(Character.isDigit(name.charAt(0)) ? "role_" + name : name);
    }

    private String unique(String base) {
        String name = base;
        for (int n = 2; !used.add(name); n++) {
            name = base + n;
        }
        return name;
    }
}
