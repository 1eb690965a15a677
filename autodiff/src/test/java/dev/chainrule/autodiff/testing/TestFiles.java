package dev.chainrule.autodiff.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the tests of saves and run directories look at: the files a directory holds, and a process gone. */
public final class TestFiles {
  private TestFiles() {}

  /** The names of the entries of {@code directory}, sorted. */
  public static List<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The pid of a process that has finished, as a writer killed before it could clean up leaves behind. */
  public static long deadPid() throws IOException, InterruptedException {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    return done.pid();
  }
}
