// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/configuration-as-code-plugin
// 2117.vc05a_0b_e6b_f4e
// plugin/src/main/java/io/jenkins/plugins/casc/ConfigurationAsCode.java: get() and configure(String...). The real class
// extends hudson.model.ManagementLink and is an @Extension; the offline build only compiles a test that calls these
// two.
package io.jenkins.plugins.casc;

public class ConfigurationAsCode {
    public void configure(String... configParameters) throws ConfiguratorException {
        throw new UnsupportedOperationException();
    }

    public static ConfigurationAsCode get() {
        throw new UnsupportedOperationException();
    }
}
