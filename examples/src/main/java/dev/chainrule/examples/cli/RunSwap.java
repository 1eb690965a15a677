package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.autodiff.io.TempName;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a directory with a complete new one so that a crash at any moment leaves either the old or the new
 * one in place, never a mix. The new directory is written beside the target as {@code .<name>.chainrule-<pid>-
 * <nonce>.new} ({@link TempName}) and flushed to disk; then, holding a lock, the old target is renamed to the same
 * name ending {@code .old}, the new one is renamed to the target, the parent directory is flushed, and the old one
 * is deleted. The new directory and each file that replaces one of the same name get the old ones' POSIX
 * permissions.
 *
 * <p>A crash between the two renames leaves no target but a {@code .new} and an {@code .old} of the same writer;
 * {@link #recover} (run by the next {@code train}, {@code evaluate} or {@code predict}) finishes the swap, since the
 * {@code .new} directory was complete before the first rename. A lone {@code .old} is put back; a lone {@code .new}
 * is a run that never finished and is deleted; leftovers of a writer that still runs are never touched. The lock
 * is the file {@code .<name>.chainrule-lock} beside the target, held only while renaming.
 */
final class RunSwap {
  private static final Object IN_THIS_PROCESS = new Object();

  private RunSwap() {}

  /** A fresh name for the new directory beside {@code target} (an absolute path). */
  static Path stagingFor(Path target) {
    return target.resolveSibling(TempName.fresh(target.getFileName().toString(), "new").toString());
  }

  /**
   * Puts the complete directory {@code staging} (named by {@link #stagingFor}) in the place of {@code target},
   * deleting the previous target afterwards. On failure the previous target is back in place.
   */
  static void swap(Path staging, Path target) throws IOException {
    TempName name = TempName.parse(staging.getFileName().toString()).orElseThrow();
    Path old = target.resolveSibling(name.withKind("old").toString());
    Path parent = target.getParent();
    withLock(target, () -> {
      boolean previous = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
      if (previous) {
        keepPermissions(target, staging);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (previous) {
          try {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException undo) {
            e.addSuppressed(undo);
          }
        }
        throw e;
      }
      AtomicFile.forceDirectory(parent);
      if (previous) {
        deleteTree(old);
      }
    });
  }

  /**
   * Gives {@code staging} and each of its files the POSIX permissions of {@code target} and of its file of the
   * same name, so that a directory or file the user restricted (say to 0700 or 0600) stays so when a new run
   * replaces it.
   */
  private static void keepPermissions(Path target, Path staging) throws IOException {
    if (!target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
      for (Path file : files) {
        Path previous = target.resolve(file.getFileName().toString());
        if (Files.isRegularFile(previous, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(file, Files.getPosixFilePermissions(previous));
        }
      }
    }
    Files.setPosixFilePermissions(staging, Files.getPosixFilePermissions(target));
  }

  /**
   * Finishes or undoes what killed writers left beside {@code target} (an absolute path) and deletes their
   * unfinished directories; returns one sentence per thing done, for the console. Touches nothing, not even
   * the lock, when there is nothing to recover.
   */
  static List<String> recover(Path target) throws IOException {
    List<String> done = new ArrayList<>();
    if (leftovers(target).isEmpty()) {
      return done;
    }
    withLock(target, () -> {
      List<TempName> leftovers = leftovers(target);
      for (TempName old : leftovers) {
        if (!old.kind().equals("old")) {
          continue;
        }
        Path oldPath = target.resolveSibling(old.toString());
        Path newPath = target.resolveSibling(old.withKind("new").toString());
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          if (Files.exists(newPath)) {
            Files.move(newPath, target, StandardCopyOption.ATOMIC_MOVE);
            done.add("finished saving the run in " + target + " that process " + old.pid() + " was writing when it"
                + " stopped");
          } else {
            Files.move(oldPath, target, StandardCopyOption.ATOMIC_MOVE);
            done.add("put back the previous run in " + target + ", which process " + old.pid() + " had moved aside"
                + " when it stopped");
          }
        }
        if (Files.exists(oldPath, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(oldPath);
        }
      }
      for (TempName unfinished : leftovers(target)) {
        deleteTree(target.resolveSibling(unfinished.toString()));
        done.add("deleted the unfinished run for " + target + " that process " + unfinished.pid() + " left in "
            + unfinished);
      }
      AtomicFile.forceDirectory(target.getParent());
    });
    return done;
  }

  /** The {@code .new} and {@code .old} directories of {@code target} whose writers are gone. */
  private static List<TempName> leftovers(Path target) throws IOException {
    List<TempName> found = new ArrayList<>();
    Path parent = target.getParent();
    if (!Files.isDirectory(parent)) {
      return found;
    }
    String targetName = target.getFileName().toString();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, ".*.chainrule-*")) {
      for (Path entry : entries) {
        TempName.parse(entry.getFileName().toString())
            .filter(n -> n.belongsTo(targetName, "new") || n.belongsTo(targetName, "old"))
            .filter(n -> !n.writerAlive())
            .ifPresent(found::add);
      }
    }
    return found;
  }

  /** Deletes a directory chainrule wrote and everything in it. */
  static void deleteTree(Path directory) throws IOException {
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private interface Action {
    void run() throws IOException;
  }

  /** Runs {@code action} holding the lock of {@code target}, against other processes and other threads. */
  private static void withLock(Path target, Action action) throws IOException {
    Path lockFile = target.resolveSibling("." + TempName.prefixOf(target.getFileName().toString())
        + ".chainrule-lock");
    synchronized (IN_THIS_PROCESS) {
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        action.run();
      }
    }
  }
}
