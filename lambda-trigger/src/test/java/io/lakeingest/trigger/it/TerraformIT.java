package io.lakeingest.trigger.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Terraform in infrastructure/, checked offline: formatting, validation against the AWS
 * provider schema (from the local mirror at /opt/tf-plugins when present), and
 * {@code terraform test} on a mocked provider, which asserts the stack's invariants (the
 * notification filters equal what this Lambda accepts, private encrypted TLS-only buckets,
 * no wildcard IAM actions, PassRole limited to the EMR roles). Skipped where no terraform
 * binary is installed, unless {@code REQUIRE_TERRAFORM} is set (as CI does).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerraformIT {
  private static final Path STACK = Path.of("..", "infrastructure").toAbsolutePath().normalize();
  private static final Path DATA_DIR = Path.of("target", "terraform").toAbsolutePath();
  private static final Path MIRROR = Path.of("/opt/tf-plugins");

  @BeforeAll
  static void terraformIsInstalled() {
    boolean installed = run(List.of("terraform", "version")).exitCode == 0;
    String missing = "terraform is not on the PATH; install Terraform >= 1.7 to check infrastructure/";
    if (System.getenv("REQUIRE_TERRAFORM") != null) {
      assertThat(installed).as(missing).isTrue();
    }
    assumeTrue(installed, missing);
  }

  @Test
  @Order(1)
  void isFormatted() {
    Result fmt = run(List.of("terraform", "fmt", "-check", "-recursive", "-diff"));
    assertThat(fmt.exitCode).as("terraform fmt -check:%n%s", fmt.output).isZero();
  }

  @Test
  @Order(2)
  void validatesAgainstTheProviderSchema() {
    List<String> init = new ArrayList<>(List.of("terraform", "init", "-backend=false", "-input=false"));
    if (Files.isDirectory(MIRROR)) {
      init.add("-plugin-dir=" + MIRROR);
    }
    Result initialised = run(init);
    assertThat(initialised.exitCode).as("terraform init:%n%s", initialised.output).isZero();

    Result validate = run(List.of("terraform", "validate", "-no-color"));
    assertThat(validate.exitCode).as("terraform validate:%n%s", validate.output).isZero();
  }

  @Test
  @Order(3)
  void keepsItsInvariantsOnAMockedProvider() {
    Result test = run(List.of("terraform", "test", "-no-color"));

    assertThat(test.exitCode).as("terraform test:%n%s", test.output).isZero();
    assertThat(test.output).contains("8 passed, 0 failed");
  }

  /** Every documented init uses the S3 backend's use_lockfile, which Terraform 1.10 brought. */
  @Test
  @Order(0)
  void requiresTheTerraformVersionItsInitNeeds() throws IOException {
    String versions = Files.readString(STACK.resolve("versions.tf"));
    String readme = Files.readString(STACK.resolve("README.md"));
    assertThat(readme).contains("use_lockfile=true");
    java.util.regex.Matcher required = java.util.regex.Pattern
        .compile("required_version\\s*=\\s*\">=\\s*1\\.(\\d+)\\.").matcher(versions);
    assertThat(required.find()).as("required_version in versions.tf").isTrue();
    assertThat(Integer.parseInt(required.group(1))).as("minimum Terraform 1.x for use_lockfile")
        .isGreaterThanOrEqualTo(10);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command) {
    try {
      Files.createDirectories(DATA_DIR);
      ProcessBuilder builder = new ProcessBuilder(command).directory(STACK.toFile())
          .redirectErrorStream(true);
      // Provider and module caches go under target/, not into the repository.
      builder.environment().put("TF_DATA_DIR", DATA_DIR.toString());
      builder.environment().put("TF_IN_AUTOMATION", "1");
      builder.environment().put("CHECKPOINT_DISABLE", "1");
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Result(-1, output + "\n(timed out)");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }
}
