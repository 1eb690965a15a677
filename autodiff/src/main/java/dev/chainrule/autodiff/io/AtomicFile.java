package dev.chainrule.autodiff.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file all or nothing; every file chainrule writes goes through here. The bytes go to a new temporary
 * file beside the target (named by {@link TempName}, kind {@code tmp}), which is flushed to disk and renamed over
 * the target in one atomic move; then the directory is flushed, so the rename itself survives a power cut.
 *
 * <ul>
 *   <li>A failed write deletes its temporary file and leaves any previous target untouched. A write killed
 *       before it could clean up leaves its temporary behind; the next write into that directory deletes every
 *       temporary whose writer process is gone (never one of a live writer).
 *   <li>A target that is a symbolic link stays one: the file it points to (through any chain of links) is
 *       replaced. An existing target keeps its POSIX permissions; a new one gets the default permissions of a
 *       new file (not {@link Files#createTempFile}'s owner-only ones).
 *   <li>Any name the file system accepts works: the temporary's name is kept short.
 *   <li>A target that exists but is no regular file (a pipe, a device such as {@code /dev/null}, a terminal as
 *       {@code /dev/stdout}) cannot be replaced: it is written into directly, with no temporary.
 *   <li>A failure is a {@link FileSystemException} naming the target as the caller gave it, never the hidden
 *       temporary, with what failed: {@code out/model.safetensors: cannot write (No space left on device)}. A
 *       denied access stays an {@link AccessDeniedException} and a missing directory a
 *       {@link NoSuchFileException}.
 * </ul>
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** What to write into the open channel of the temporary file. */
  public interface Body {
    void writeTo(FileChannel channel) throws IOException;
  }

  /** Writes {@code text} as UTF-8. */
  public static void writeString(Path target, CharSequence text) throws IOException {
    checkNotNull(text, "AtomicFile.writeString: text must not be null");
    writeBytes(target, StandardCharsets.UTF_8.encode(CharBuffer.wrap(text)));
  }

  /** Writes {@code bytes}. */
  public static void writeBytes(Path target, byte[] bytes) throws IOException {
    checkNotNull(bytes, "AtomicFile.writeBytes: bytes must not be null");
    writeBytes(target, ByteBuffer.wrap(bytes));
  }

  private static void writeBytes(Path target, ByteBuffer bytes) throws IOException {
    write(target, channel -> {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    });
  }

  /** Writes what {@code body} puts into the channel; see the class comment for the guarantees. */
  public static void write(Path target, Body body) throws IOException {
    checkNotNull(target, "AtomicFile.write: target must not be null");
    checkNotNull(body, "AtomicFile.write: body must not be null");
    Path file;
    try {
      file = followLinks(target.toAbsolutePath());
    } catch (IOException e) {
      throw failure(target, "cannot write", e);
    }
    if (Files.isDirectory(file)) {
      throw new FileSystemException(target.toString(), null, "cannot write (Is a directory)");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      writeInPlace(target, body);
      return;
    }
    Path directory = file.getParent();
    removeStale(directory);
    Path temp = directory.resolve(TempName.fresh(file.getFileName().toString(), "tmp").toString());
    try {
      Set<PosixFilePermission> permissions = existingPermissions(file);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        body.writeTo(channel);
        channel.force(true);
      }
      if (permissions != null) {
        Files.setPosixFilePermissions(temp, permissions);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteAfterFailure(temp, e);
      throw failure(target, "cannot write", e);
    } catch (RuntimeException | Error e) {
      deleteAfterFailure(temp, e);
      throw e;
    }
    try {
      forceDirectory(directory);
    } catch (IOException e) {
      throw failure(target, "written, but flushing its directory to disk failed", e);
    }
  }

  /**
   * Writes into a target that is not a regular file (a pipe, {@code /dev/null}, a terminal as
   * {@code /dev/stdout}): it cannot be replaced by a file, so it is opened through its links and written.
   */
  private static void writeInPlace(Path target, Body body) throws IOException {
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
      body.writeTo(channel);
    } catch (IOException e) {
      throw failure(target, "cannot write", e);
    }
  }

  /**
   * Flushes a directory's entries to disk (fsync), so a rename or a new file in it survives a power cut. Does
   * nothing on a file system without POSIX semantics (Windows cannot open a directory).
   */
  public static void forceDirectory(Path directory) throws IOException {
    if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * An exception for a failed {@code action} on the user's {@code path}: {@code path: action (reason)}, where
   * the reason is the system's ({@code No space left on device}, {@code Permission denied}, ...) and the cause
   * is {@code e}. Access denied and no such file keep their types.
   */
  public static FileSystemException failure(Path path, String action, IOException e) {
    String message = action + " (" + reason(e) + ")";
    FileSystemException failure;
    if (e instanceof AccessDeniedException) {
      failure = new AccessDeniedException(path.toString(), null, message);
    } else if (e instanceof NoSuchFileException) {
      failure = new NoSuchFileException(path.toString(), null, message);
    } else {
      failure = new FileSystemException(path.toString(), null, message);
    }
    failure.initCause(e);
    return failure;
  }

  /**
   * What the system said went wrong, without the path it said it about: the reason of the innermost
   * {@link IOException} among {@code e}'s causes, so that a {@link #failure} gives {@code No space left on device},
   * not its own {@code cannot write (...)}.
   */
  public static String reason(IOException e) {
    while (e.getCause() instanceof IOException cause) {
      e = cause;
    }
    if (e instanceof FileSystemException f) {
      if (f.getReason() != null) {
        return f.getReason();
      }
      if (e instanceof AccessDeniedException) {
        return "Permission denied";
      }
      if (e instanceof NoSuchFileException) {
        return "No such file or directory";
      }
      if (e instanceof FileAlreadyExistsException) {
        return "File exists";
      }
      if (e instanceof NotDirectoryException) {
        return "Not a directory";
      }
      if (e instanceof DirectoryNotEmptyException) {
        return "Directory not empty";
      }
      return e.getClass().getSimpleName();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** The file a chain of symbolic links ends at (the path itself when it is not a link); it need not exist. */
  static Path followLinks(Path path) throws IOException {
    Path current = path;
    for (int hops = 0; Files.isSymbolicLink(current); hops++) {
      if (hops == 40) {
        throw new FileSystemException(path.toString(), null, "Too many levels of symbolic links");
      }
      current = current.resolveSibling(Files.readSymbolicLink(current));
    }
    return current;
  }

  /** Deletes the temporaries in {@code directory} whose writers are gone; failing to is not this save's failure. */
  static void removeStale(Path directory) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ".*.chainrule-*.tmp")) {
      for (Path entry : entries) {
        TempName name = TempName.parse(entry.getFileName().toString()).orElse(null);
        if (name != null && name.kind().equals("tmp") && !name.writerAlive()) {
          Files.deleteIfExists(entry);
        }
      }
    } catch (IOException e) {
      // An unreadable directory fails the write itself, with its reason, a moment later; a leftover that cannot
      // be deleted (someone else's, read-only) stays for a later save. Neither is this save's failure.
    }
  }

  private static Set<PosixFilePermission> existingPermissions(Path file) throws IOException {
    if (!Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return null;
    }
    return Files.getPosixFilePermissions(file);
  }

  private static void deleteAfterFailure(Path temp, Throwable failure) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }
}
