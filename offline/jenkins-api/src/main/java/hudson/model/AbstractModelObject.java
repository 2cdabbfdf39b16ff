// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/AbstractModelObject.java: declared as a type, the superclass of AdministrativeMonitor
// (its interface SearchableModelObject and its sendError/requirePOST helpers are not used here and left out).
package hudson.model;

public abstract class AbstractModelObject {}
