package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.dump.GraphDump;
import dev.chainrule.autodiff.io.AtomicFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a running lesson prints and writes: a stream for its text and a directory of its own for its pictures.
 * Every file a lesson asks for through {@link #file} is remembered, so the caller can list what was written
 * and a test can compare it with the pictures committed beside the lesson's page.
 */
public final class LessonContext {
  private final PrintStream out;
  private final Path directory;
  private final List<Path> written = new ArrayList<>();

  /** A context printing to {@code out} and writing into {@code directory}, created when first needed. */
  public LessonContext(PrintStream out, Path directory) {
    this.out = checkNotNull(out, "LessonContext: out must not be null");
    this.directory = checkNotNull(directory, "LessonContext: directory must not be null");
  }

  /** The stream the lesson prints to. */
  public PrintStream out() {
    return out;
  }

  /** The lesson's own output directory. */
  public Path directory() {
    return directory;
  }

  /**
   * The path for a picture or data file called {@code fileName} (no directories, e.g. {@code loss.svg}) in the
   * lesson's directory, which is created if needed. The file is recorded as written by this lesson.
   */
  public Path file(String fileName) throws IOException {
    checkNotNull(fileName, "LessonContext.file: fileName must not be null");
    checkArgument(!fileName.isEmpty() && !fileName.contains("/") && !fileName.contains("\\")
        && !fileName.startsWith("."), "LessonContext.file: '%s' must be a plain file name", fileName);
    Files.createDirectories(directory);
    Path file = directory.resolve(fileName);
    if (!written.contains(file)) {
      written.add(file);
    }
    return file;
  }

  /**
   * Writes a graph dump as {@code stem.dot} and {@code stem.mmd} (Mermaid) and, when Graphviz's {@code dot} is
   * installed, renders {@code stem.svg}; prints what was written or how to render it. Returns the SVG's path,
   * which exists only when Graphviz is installed.
   */
  public Path graph(String stem, GraphDump dump) throws IOException {
    checkNotNull(dump, "LessonContext.graph: dump must not be null");
    AtomicFile.writeString(file(stem + ".mmd"), dump.toMermaid());
    Path svg = directory.resolve(stem + ".svg");
    String message = dump.render(file(stem + ".dot"), "svg");
    if (Files.exists(svg)) {
      file(stem + ".svg");
    } else {
      out.println(message);
    }
    return svg;
  }

  /** The files asked for through {@link #file}, in the order first asked. */
  public List<Path> written() {
    return List.copyOf(written);
  }
}
