package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a DOT file and, when Graphviz's {@code dot} is on the PATH, renders it beside the DOT file. */
final class GraphRenderer {
  private GraphRenderer() {}

  /**
   * Writes {@code dot} to {@code dotFile} and renders {@code dotFile} with the extension replaced by
   * {@code format}; returns a message saying what was written, or how to render it without Graphviz.
   */
  static String render(String dot, Path dotFile, String format) throws IOException {
    checkArgument(format.matches("[a-z0-9]+"), "render: format '%s' is not a Graphviz output format such as"
        + " svg or png", format);
    Files.writeString(dotFile, dot, StandardCharsets.UTF_8);
    String name = dotFile.getFileName().toString();
    String stem = name.endsWith(".dot") ? name.substring(0, name.length() - 4) : name;
    Path output = dotFile.resolveSibling(stem + "." + format);
    Path executable = findOnPath("dot");
    if (executable == null) {
      return "Graphviz is not installed: wrote " + dotFile + "; to render it, install Graphviz"
          + " (apt-get install graphviz) and run: dot -T" + format + " " + dotFile + " -o " + output;
    }
    Process process = new ProcessBuilder(executable.toString(), "-T" + format, dotFile.toString(), "-o",
        output.toString()).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IOException("dot -T" + format + " " + dotFile + " failed with exit code " + exit + ": " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while rendering " + dotFile, e);
    }
    return "wrote " + dotFile + " and " + output;
  }

  /** The first executable file named {@code name} in a directory of the PATH, or null. */
  private static Path findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }
}
