// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/main/java/jenkins/scm/api/trait/SCMTrait.java: the class declaration only, as the base of SCMSourceTrait (its
// members and static helpers are left out).
package jenkins.scm.api.trait;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class SCMTrait<T extends SCMTrait<T>> extends AbstractDescribableImpl<T> implements ExtensionPoint {}
