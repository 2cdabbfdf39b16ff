package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real AWS CLI as a child process with nothing but the given credentials: every {@code AWS_*} variable of
 * the test's own environment is removed, {@code HOME} is a fresh directory, config and credentials files point at
 * files that do not exist, and instance metadata is off. What a user's {@code sh 'aws ...'} inside a block sees.
 *
 * <p>The CLI is {@code $AWS_CLI} or {@code aws} on the {@code PATH}. Without a CLI, a test using this class fails when
 * {@code CI=true} (CI installs one) and is skipped elsewhere, saying why.
 */
public final class AwsCli {

    /** What one run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private final String executable;
    private final Path home;

    private AwsCli(String executable, Path home) {
        this.executable = executable;
        this.home = home;
    }

    /**
     * The CLI, or an aborted (skipped) test when it is missing outside CI.
     *
     * @param home an empty directory to use as {@code HOME}
     */
    public static AwsCli require(Path home) throws IOException, InterruptedException {
        String executable = System.getenv().getOrDefault("AWS_CLI", "aws");
        AwsCli cli = new AwsCli(executable, home);
        String problem;
        try {
            Result version = cli.run(Map.of(), "--version");
            problem = version.exitCode() == 0 ? null : "'" + executable + " --version' failed: " + version.stderr();
        } catch (IOException e) {
            problem = "cannot run '" + executable + "': " + e.getMessage();
        }
        if (problem != null) {
            String message = "The AWS CLI is needed for this test (" + problem
                    + "). Install it (Debian: apt-get install awscli) or point AWS_CLI at it.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " In CI (CI=true) this test must not be skipped.");
            }
            Assumptions.abort(message);
        }
        return cli;
    }

    /** Runs {@code aws <args>} with only these {@code AWS_*} variables set. */
    public Result run(Map<String, String> awsEnvironment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("no-such-config").toString());
        env.put(
                "AWS_SHARED_CREDENTIALS_FILE",
                home.resolve("no-such-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        env.putAll(awsEnvironment);
        Process process = pb.start();
        process.getOutputStream().close();
        // Small outputs: read both streams after exit would risk a full pipe only for large output.
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The AWS CLI did not finish within 120 seconds: " + command);
        }
        return new Result(
                process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
