package dev.chainrule.autodiff.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small (or read-only) tmpfs mounted on a directory, to see what a full disk does to a save:
 * {@code mount -t tmpfs -o size=...}.
 * Mounting needs root (or CAP_SYS_ADMIN); where it is not allowed, {@link #mount} returns empty and a test skips
 * through {@code assumeTrue}, since nothing else makes a real "No space left on device".
 */
public final class SmallDisk implements AutoCloseable {
  private final Path directory;

  private SmallDisk(Path directory) {
    this.directory = directory;
  }

  /** Mounts a tmpfs of {@code size} (e.g. {@code 64k}) on {@code directory}, or empty when that is not allowed. */
  public static Optional<SmallDisk> mount(Path directory, String size) throws IOException, InterruptedException {
    return mountWith(directory, "size=" + size);
  }

  /**
   * Mounts a read-only tmpfs on {@code directory}, or empty when that is not allowed: unlike a directory without
   * write permission, it cannot be written even by root.
   */
  public static Optional<SmallDisk> mountReadOnly(Path directory) throws IOException, InterruptedException {
    return mountWith(directory, "ro,size=64k");
  }

  private static Optional<SmallDisk> mountWith(Path directory, String options) throws IOException,
      InterruptedException {
    if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
      return Optional.empty();
    }
    Files.createDirectories(directory);
    return run("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory.toString())
        ? Optional.of(new SmallDisk(directory)) : Optional.empty();
  }

  /** The mount point. */
  public Path directory() {
    return directory;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (!run("umount", directory.toString())) {
      throw new IOException("cannot unmount the test tmpfs at " + directory);
    }
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return false; // no mount command
    }
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return false;
    }
    return process.exitValue() == 0;
  }
}
