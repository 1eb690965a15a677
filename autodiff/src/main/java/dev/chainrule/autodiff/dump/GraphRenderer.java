package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.chainrule.autodiff.io.AtomicFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a DOT file and, when Graphviz's {@code dot} is on the PATH, renders it beside the DOT file. Both are
 * written through {@link AtomicFile}: a render that fails, even for a full disk, leaves the previous files.
 */
final class GraphRenderer {
  private GraphRenderer() {}

  /**
   * Writes {@code dot} to {@code dotFile} and renders {@code dotFile} with the extension replaced by
   * {@code format}; returns a message saying what was written, or how to render it without Graphviz.
   */
  static String render(String dot, Path dotFile, String format) throws IOException {
    checkArgument(format.matches("[a-z0-9]+"), "render: format '%s' is not a Graphviz output format such as"
        + " svg or png", format);
    AtomicFile.writeString(dotFile, dot);
    String name = dotFile.getFileName().toString();
    String stem = name.endsWith(".dot") ? name.substring(0, name.length() - 4) : name;
    Path output = dotFile.resolveSibling(stem + "." + format);
    Path executable = findOnPath("dot");
    if (executable == null) {
      return "Graphviz is not installed: wrote " + dotFile + "; to render it, install Graphviz"
          + " (apt-get install graphviz) and run: dot -T" + format + " " + dotFile + " -o " + output;
    }
    // dot writes the picture to its standard output, so that the picture too is saved all or nothing.
    Process process = new ProcessBuilder(executable.toString(), "-T" + format, dotFile.toString()).start();
    CompletableFuture<String> log = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    byte[] picture = process.getInputStream().readAllBytes();
    try {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IOException("dot -T" + format + " " + dotFile + " failed with exit code " + exit + ": "
            + log.join());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while rendering " + dotFile, e);
    }
    AtomicFile.writeBytes(output, picture);
    return "wrote " + dotFile + " and " + output;
  }

  private static String readAll(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(its messages could not be read: " + e.getMessage() + ")";
    }
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
