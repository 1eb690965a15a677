package dev.chainrule.autodiff.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all or nothing: the bytes go to a new temporary file in the target's directory, which is
 * flushed to disk and then renamed over the target in one atomic move. A failed write deletes the temporary
 * file and leaves any previous target untouched. The temporary file is created with the default permissions
 * (not {@link Files#createTempFile}'s owner-only ones), so the result looks like any other new file.
 */
final class AtomicFile {
  private AtomicFile() {}

  /** What to write into the open channel. */
  interface Body {
    void writeTo(FileChannel channel) throws IOException;
  }

  static void write(Path target, Body body) throws IOException {
    Path absolute = target.toAbsolutePath();
    String name = "." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + ".tmp";
    Path temp = absolute.resolveSibling(name);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        body.writeTo(channel);
        channel.force(true);
      }
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (Throwable failure) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }
}
