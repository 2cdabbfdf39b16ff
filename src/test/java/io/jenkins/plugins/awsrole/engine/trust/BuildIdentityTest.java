package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuildIdentityTest {

    @Test
    void plainJobIsNeitherChangeRequestNorReplay() {
        BuildIdentity id = BuildIdentity.ofJob("team/app", 4, "https://ci.example.com/job/team/job/app/4/");
        assertThat(id.isChangeRequest()).isFalse();
        assertThat(id.replayed()).isFalse();
        assertThat(id.branch()).isNull();
    }

    @Test
    void changeRequestFromFork() {
        BuildIdentity id = new BuildIdentity("team/app/PR-12", 1, null, "PR-12", "12", true, false);
        assertThat(id.isChangeRequest()).isTrue();
        assertThat(id.fromFork()).isTrue();
    }

    @Test
    void refusesWhatCannotBeTrue() {
        assertThatThrownBy(() -> BuildIdentity.ofJob(" ", 1, null)).hasMessageContaining("full name");
        assertThatThrownBy(() -> BuildIdentity.ofJob("a", -1, null)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new BuildIdentity("a", 1, null, "main", null, true, false))
                .hasMessageContaining("fork");
    }
}
