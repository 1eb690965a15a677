package dev.chainrule.examples.cli;

import static com.google.common.base.Verify.verify;

import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.autodiff.io.TempName;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The output directory of one {@code train} run, written as a unit: everything goes into a staging directory
 * beside it, which {@link #commit} swaps in ({@link RunSwap}), so either every file of the new run is in place or
 * the previous run is untouched. {@link #prepare} checks, before any data is loaded, that the directory can be
 * written (it creates the staging directory and writes a probe file in it) and that it holds nothing but
 * chainrule's own files, which the swap replaces; a directory with other files is refused, never emptied.
 */
final class RunDirectory implements AutoCloseable {
  /** Bytes of the probe file: one page, so a disk with no room left fails before training. */
  private static final int PROBE_BYTES = 4096;

  /** A temporary file of the AtomicFile before it named its writer: {@code .name.<hex>.tmp}. */
  private static final Pattern LEGACY_TEMP = Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp");

  private final String option;
  private final Path target;
  private final Path resolved;
  private final Set<String> ownFiles;
  private final Path staging;
  private boolean committed;

  private RunDirectory(String option, Path target, Path resolved, Set<String> ownFiles, Path staging) {
    this.option = option;
    this.target = target;
    this.resolved = resolved;
    this.ownFiles = ownFiles;
    this.staging = staging;
  }

  /**
   * Checks that {@code target} (given with {@code option}) can take a run whose files are named
   * {@code ownFiles}: it is a directory or can be one, holds no other files, and can be written, with a probe file
   * in a new staging directory beside it. Finishes a swap a killed run left behind, and says on {@code console}
   * when the directory holds a previous run that this one will replace.
   *
   * @throws UserError saying what is wrong with the directory
   */
  static RunDirectory prepare(String option, Path target, Set<String> ownFiles, PrintStream console) {
    Path resolved = resolve(option, target);
    Path parent = resolved.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UserError(String.format("%s %s cannot be created: %s (%s)", option, target, describe(e, parent),
          AtomicFile.reason(e)), e);
    }
    try {
      RunSwap.recover(resolved).forEach(console::println);
    } catch (IOException e) {
      throw new UserError(String.format("%s %s: cannot finish the save a stopped run left beside it (%s)", option,
          target, AtomicFile.reason(e)), e);
    }
    RunDirectory run = new RunDirectory(option, target, resolved, ownFiles, RunSwap.stagingFor(resolved));
    if (Files.isDirectory(resolved)) {
      run.refuseForeignFiles();
      if (!Files.isWritable(resolved)) {
        throw UserError.of("%s %s cannot be written (Permission denied); choose another directory", option, target);
      }
      run.announcePrevious(console);
    }
    run.probe();
    return run;
  }

  /** The user's path made absolute, with a symbolic link to a directory followed (the link stays a link). */
  private static Path resolve(String option, Path target) {
    OptionChecks.given(option, target);
    Path absolute = target.toAbsolutePath().normalize();
    if (absolute.getParent() == null) {
      throw UserError.of("%s %s is the root directory; pass a directory inside it", option, target);
    }
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw UserError.of("%s %s is a file, not a directory; pass a directory (it is created if missing)", option,
          target);
    }
    if (Files.isSymbolicLink(absolute)) {
      try {
        return absolute.toRealPath();
      } catch (IOException e) {
        throw new UserError(String.format("%s %s is a symbolic link that points nowhere (%s)", option, target,
            AtomicFile.reason(e)), e);
      }
    }
    return absolute;
  }

  /** Where the run's files are written until {@link #commit}: a hidden directory beside the target. */
  Path directory() {
    return staging;
  }

  /** Fails unless the disk of the directory has {@code bytes} free for the run's files. */
  void requireSpace(long bytes) {
    long usable;
    try {
      usable = Files.getFileStore(staging).getUsableSpace();
    } catch (IOException e) {
      return; // the free space is unknown: the save will say if it runs out
    }
    if (usable < bytes) {
      throw UserError.of("%s %s: its disk has %s free, the run needs about %s; free some space or choose another"
          + " directory", option, target, size(usable), size(bytes));
    }
  }

  /**
   * Puts the run in place of the previous one, in one swap, after flushing it to disk.
   *
   * @throws UserError when the swap cannot be done; the previous run is then untouched
   */
  void commit() {
    try (DirectoryStream<Path> written = Files.newDirectoryStream(staging)) {
      for (Path file : written) {
        verify(ownFiles.contains(file.getFileName().toString()), "RunDirectory: the run wrote %s, which is not"
            + " one of its files %s; a later run would refuse the directory", file.getFileName(), ownFiles);
      }
      AtomicFile.forceDirectory(staging);
    } catch (IOException e) {
      throw failed("flushing the run to disk", e);
    }
    List<String> foreign = Files.isDirectory(resolved) ? foreignFiles() : List.of();
    if (!foreign.isEmpty()) {
      Path kept = keepAside();
      throw UserError.of("%s %s got files chainrule did not write while training (%s); the run was saved to %s"
          + " instead", option, target, String.join(", ", foreign), kept);
    }
    try {
      RunSwap.swap(staging, resolved);
    } catch (IOException e) {
      throw failed("replacing the previous run", e);
    }
    committed = true;
  }

  /**
   * A user error for a failed write of the run; it names the user's directory and the file, never the hidden
   * staging directory.
   */
  UserError failed(String what, IOException e) {
    String file = "";
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String name = Path.of(f.getFile()).getFileName().toString();
      file = TempName.parse(name).isPresent() ? "" : name + ": "; // never the hidden staging directory's name
    }
    return new UserError(String.format("%s %s: %s failed (%s%s); the previous run there is untouched", option, target,
        what, file, AtomicFile.reason(e)), e);
  }

  /** Deletes the staging directory unless the run was committed. */
  @Override
  public void close() {
    if (!committed && Files.exists(staging)) {
      try {
        RunSwap.deleteTree(staging);
      } catch (IOException e) {
        // The directory is named with this process's pid, so the next run deletes it once this process is gone.
      }
    }
  }

  private void probe() {
    try {
      Files.createDirectory(staging);
      Path probe = staging.resolve("probe");
      AtomicFile.writeBytes(probe, new byte[PROBE_BYTES]);
      Files.delete(probe);
    } catch (IOException e) {
      close();
      throw new UserError(String.format("%s %s cannot be written (%s); choose another directory or free some space",
          option, target, AtomicFile.reason(e)), e);
    }
  }

  private void refuseForeignFiles() {
    List<String> foreign = foreignFiles();
    if (!foreign.isEmpty()) {
      throw UserError.of("%s %s holds files chainrule did not write (%s); choose another directory, or move them"
          + " away so that a new run can replace the old one", option, target, String.join(", ", foreign));
    }
  }

  /** Up to five names in the target that are not the run's own files (nor temporaries chainrule left). */
  private List<String> foreignFiles() {
    List<String> foreign = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(resolved)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        boolean own = Files.isRegularFile(entry) && (ownFiles.contains(name) || TempName.parse(name).isPresent()
            || LEGACY_TEMP.matcher(name).matches());
        if (!own && foreign.size() < 5) {
          foreign.add(name);
        }
      }
    } catch (IOException e) {
      throw new UserError(String.format("%s %s cannot be listed (%s)", option, target, AtomicFile.reason(e)), e);
    }
    return foreign;
  }

  private void announcePrevious(PrintStream console) {
    Path model = resolved.resolve(TrainCommand.MODEL_FILE);
    if (!Files.isRegularFile(model)) {
      return;
    }
    String when;
    try {
      when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
          .format(Files.getLastModifiedTime(model).toInstant().atZone(ZoneId.systemDefault()));
    } catch (IOException e) {
      when = "unknown date";
    }
    console.printf(Locale.ROOT, "%s holds a previous run (%s of %s); this run replaces it when it finishes%n", target,
        TrainCommand.MODEL_FILE, when);
  }

  /** Renames the staging directory to a visible name beside the target, so the run is not lost. */
  private Path keepAside() {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now());
    Path kept = resolved.resolveSibling(TempName.prefixOf(resolved.getFileName().toString()) + "-" + stamp);
    try {
      Files.move(staging, kept, StandardCopyOption.ATOMIC_MOVE);
      committed = true;
      return kept;
    } catch (IOException e) {
      throw failed("keeping the run aside in " + kept, e);
    }
  }

  private static String describe(IOException e, Path fallback) {
    return e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : fallback.toString();
  }

  private static String size(long bytes) {
    return bytes < 1 << 20 ? String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0)
        : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
