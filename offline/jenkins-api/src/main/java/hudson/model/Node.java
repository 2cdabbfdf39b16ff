// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Node.java: the type only, for the bound of NodeProperty. The real class extends
// AbstractModelObject and implements ReconfigurableDescribable<Node>, ExtensionPoint, AccessControlled, OnMaster and
// PersistenceRoot; like the real one it declares no constructor.
package hudson.model;

public abstract class Node {}
