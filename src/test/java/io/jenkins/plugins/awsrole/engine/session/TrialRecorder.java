package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.oidc.TokenFacts;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Remembers what a trust trial told its listener, in the order it was told. */
public final class TrialRecorder implements TrustTrial.Listener {

    /** A compact JWS ({@code header.payload.signature}, the header JSON starting {@code {"}): a token itself. */
    public static final Pattern COMPACT_JWS = Pattern.compile("eyJ[\\w-]*\\.[\\w-]+\\.[\\w-]+");

    /** What {@link #tokenIssued} was told. */
    public record Token(TrustMapping mapping, String sessionName, TokenFacts facts) {}

    public final List<Token> tokens = new ArrayList<>();
    public final List<TrustTrial.Answer> answers = new ArrayList<>();

    /** {@code token} and {@code answer}, one for each call, in order. */
    public final List<String> calls = new ArrayList<>();

    @Override
    public void tokenIssued(TrustMapping mapping, String sessionName, TokenFacts token) {
        tokens.add(new Token(mapping, sessionName, token));
        calls.add("token");
    }

    @Override
    public void answered(TrustMapping mapping, TrustTrial.Answer answer) {
        answers.add(answer);
        calls.add("answer");
    }
}
