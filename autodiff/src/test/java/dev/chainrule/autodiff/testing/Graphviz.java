package dev.chainrule.autodiff.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Checks DOT text with Graphviz's {@code dot}, for tests that skip (with {@code Assumptions}) without it. */
public final class Graphviz {
  private Graphviz() {}

  /** Whether {@code dot} is on the PATH. */
  public static boolean isInstalled() {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "dot")));
  }

  /**
   * Runs {@code dot -Tsvg} on {@code dot} and returns the SVG; fails the test, naming {@code name}, on a non-zero
   * exit or on any message (a warning included). Input, output and messages go through files, so no pipe can
   * fill up and block {@code dot}.
   */
  public static String svg(String name, String dot) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("chainrule-dot");
    try {
      Path in = Files.writeString(dir.resolve("graph.dot"), dot, StandardCharsets.UTF_8);
      Path out = dir.resolve("graph.svg");
      Path err = dir.resolve("messages.txt");
      int exit = new ProcessBuilder("dot", "-Tsvg", in.toString(), "-o", out.toString())
          .redirectErrorStream(true).redirectOutput(err.toFile()).start().waitFor();
      String messages = Files.readString(err, StandardCharsets.UTF_8);
      assertEquals(0, exit, name + ": dot failed: " + messages + "\n" + dot);
      assertEquals("", messages, name + ": dot warned\n" + dot);
      String svg = Files.readString(out, StandardCharsets.UTF_8);
      assertTrue(svg.contains("<svg"), name + ": no SVG in dot's output");
      return svg;
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }
}
