// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/configuration-as-code-plugin
// 2117.vc05a_0b_e6b_f4e
// plugin/src/main/java/io/jenkins/plugins/casc/ConfiguratorException.java: the type only (thrown by CNode).
package io.jenkins.plugins.casc;

public class ConfiguratorException extends RuntimeException {}
