package dev.chainrule.autodiff.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

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
   * exit or on any message (a warning included).
   */
  public static String svg(String name, String dot) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("dot", "-Tsvg").start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    try (OutputStream in = process.getOutputStream()) {
      in.write(dot.getBytes(StandardCharsets.UTF_8));
    }
    int exit = process.waitFor();
    String messages = new String(err.join(), StandardCharsets.UTF_8);
    assertEquals(0, exit, name + ": dot failed: " + messages + "\n" + dot);
    assertEquals("", messages, name + ": dot warned\n" + dot);
    String svg = new String(out.join(), StandardCharsets.UTF_8);
    assertTrue(svg.contains("<svg"), name + ": no SVG in dot's output");
    return svg;
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
