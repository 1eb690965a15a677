package dev.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} still works: it falls back to the plain-Java
 * kernels and says so in one line.
 */
class ScalarFallbackTest {

  @Test
  void withoutTheVectorModuleTheScalarKernelsRunWithAOneLineWarning() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", classPath, FallbackProbe.class.getName()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
    List<String> out = lines(process.getInputStream().readAllBytes());
    List<String> err = lines(process.getErrorStream().readAllBytes());
    assertEquals(0, process.exitValue(), "stdout " + out + " stderr " + err);
    assertEquals(List.of("kernels=scalar", "grad=" + Math.exp(3) + " dtype=true"), out);
    assertEquals(1, err.size(), "stderr must be the one warning line: " + err);
    assertTrue(err.get(0).startsWith("chainrule: warning: jdk.incubator.vector is not enabled"), err.get(0));
    assertTrue(err.get(0).contains("--add-modules jdk.incubator.vector"), err.get(0));
  }

  private static List<String> lines(byte[] bytes) throws IOException {
    return new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }
}
