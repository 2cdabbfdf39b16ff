package io.jenkins.plugins.awsrole.engine.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskRulesTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKE=";

    @Test
    void rulesSurviveSerializationAndRebuildTheSameMasker() throws Exception {
        MaskRules rules = MaskRules.standard().withReplacement("[masked]");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rules);
        }
        MaskRules copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (MaskRules) in.readObject();
        }
        assertThat(copy).isEqualTo(rules);
        assertThat(copy.compile(List.of(SECRET)).mask("k=" + SECRET)).isEqualTo("k=[masked]");
    }

    @Test
    void whatHoldsSecretsIsNotSerializable() {
        Masker masker = Masker.of(List.of(SECRET));
        assertThat(masker).isNotInstanceOf(Serializable.class);
        assertThat(masker.filter(new ByteArrayOutputStream())).isNotInstanceOf(Serializable.class);
        assertThat(masker.toString()).doesNotContain(SECRET).contains("1 secrets");
    }

    @Test
    void emptyOrHugeReplacementsAreRefused() {
        assertThatThrownBy(() -> MaskRules.standard().withReplacement(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 64 characters");
        assertThatThrownBy(() -> MaskRules.standard().withReplacement("x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
