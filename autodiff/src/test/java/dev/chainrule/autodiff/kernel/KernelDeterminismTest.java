package dev.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels give the same bits interpreted and compiled. The Vector API's own transcendental operators
 * and lane reductions do not (their interpreted fallbacks and their intrinsics round differently), which made two
 * identical seeded training runs in one JVM disagree; chainrule's kernels avoid them.
 */
class KernelDeterminismTest {

  @Test
  void interpretedAndCompiledKernelsAgreeToTheBit() throws Exception {
    for (int i = 0; i < 3_000; i++) {
      DeterminismProbe.fingerprints(); // warm up: the JIT compiles the kernels and the Vector API intrinsics
    }
    List<String> compiled = DeterminismProbe.fingerprints();

    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-Xint", "--add-modules", "jdk.incubator.vector", "-cp",
        classPath, DeterminismProbe.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> interpreted = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
        .toList();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the interpreted JVM did not finish");
    assertEquals(0, child.exitValue());
    assertEquals(compiled.size(), interpreted.size());
    for (int i = 0; i < compiled.size(); i++) {
      String[] c = compiled.get(i).split("[ ,]");
      String[] v = interpreted.get(i).split("[ ,]");
      for (int j = 1; j < c.length; j++) {
        assertEquals(c[j], v[j], c[0] + ": value " + j + " has different bits compiled and interpreted");
      }
    }
  }
}
