package io.jenkins.plugins.awsrole.engine.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskerSmokeTest {
    @Test
    void smoke() {
        Masker m = Masker.of(List.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE"));
        assertThat(m.mask("key=AKIAIOSFODNN7EXAMPLE secret=wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY x"))
                .isEqualTo("key=**** secret=**** x");
        assertThat(m.mask("{\"s\":\"wJalrXUtnFEMI\\/K7MDENG\\/bPxRfiCYEXAMPLEKEY\"}"))
                .isEqualTo("{\"s\":\"****\"}");
    }
}
