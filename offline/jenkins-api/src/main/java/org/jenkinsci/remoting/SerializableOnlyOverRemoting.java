// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/remoting
// fa5f12a8447d0f75e6d17d6b451a60c5e33ec09a (newest snapshot; the tag 3352.v17a_fb_4b_2773f that jenkins-core
// 2.541.3 bundles is not in it, and the file last changed in 2024)
// src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java: the type only (its default method
// getChannelForSerialization() is left out).
package org.jenkinsci.remoting;

import java.io.Serializable;

public interface SerializableOnlyOverRemoting extends Serializable {}
