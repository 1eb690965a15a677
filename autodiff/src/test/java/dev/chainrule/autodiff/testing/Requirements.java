package dev.chainrule.autodiff.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need something outside the JVM (Graphviz, a Debian data package) skip where it is missing, except
 * under {@code .ci/run}, which installs it and sets {@code CHAINRULE_REQUIRE_TOOLS=1}: there a missing tool is an
 * install step that failed, so the test fails instead of passing by skipping.
 */
public final class Requirements {
  /** The environment variable {@code .ci/run} sets. */
  public static final String REQUIRE_TOOLS = "CHAINRULE_REQUIRE_TOOLS";

  private Requirements() {}

  /** Skips the test when {@code present} is false, or fails it when {@link #REQUIRE_TOOLS} is {@code 1}. */
  public static void require(boolean present, String whatIsMissing) {
    if (!present && "1".equals(System.getenv(REQUIRE_TOOLS))) {
      fail(whatIsMissing + ", and " + REQUIRE_TOOLS + "=1 says the tests must not skip for it");
    }
    assumeTrue(present, whatIsMissing);
  }

  /** {@link #require} for Graphviz's {@code dot}. */
  public static void requireGraphviz() {
    require(Graphviz.isInstalled(), "Graphviz (dot) is not on the PATH: apt-get install graphviz");
  }
}
