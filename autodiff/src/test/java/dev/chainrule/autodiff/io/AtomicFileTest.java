package dev.chainrule.autodiff.io;

import static dev.chainrule.autodiff.testing.TestFiles.names;
import static dev.chainrule.autodiff.testing.TestFiles.deadPid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autodiff.testing.SmallDisk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir
  Path dir;

  @Test
  void writesANewFileAndReplacesAnOldOneLeavingNothingElse() throws IOException {
    Path file = dir.resolve("a.txt");
    AtomicFile.writeString(file, "first");
    AtomicFile.writeString(file, "second");
    assertEquals("second", Files.readString(file));
    assertEquals(List.of("a.txt"), names(dir));
  }

  @Test
  void aFailedWriteKeepsThePreviousFileRemovesItsTemporaryAndNamesTheTarget() throws IOException {
    Path file = Files.writeString(dir.resolve("model.safetensors"), "previous");
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, channel -> {
      channel.write(ByteBuffer.wrap(new byte[100]));
      throw new IOException("No space left on device");
    }));
    assertEquals(file + ": cannot write (No space left on device)", e.getMessage());
    assertEquals("previous", Files.readString(file));
    assertEquals(List.of("model.safetensors"), names(dir), "no temporary left");
  }

  @Test
  void aPipeIsWrittenIntoNotReplacedByAFile() throws Exception {
    Path fifo = dir.resolve("graph.txt");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      mkfifo = null;
    }
    assumeTrue(mkfifo != null && mkfifo.waitFor() == 0, "mkfifo is needed to make a named pipe");
    CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo); // opening the read end lets the writer's open return
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    AtomicFile.writeString(fifo, "through the pipe");
    assertEquals("through the pipe", read.get(30, TimeUnit.SECONDS));
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS),
        "still a pipe: a pipe, a device such as /dev/null, or a terminal cannot be replaced by a file");
    assertEquals(List.of("graph.txt"), names(dir), "no temporary");
  }

  @Test
  void aFullDeviceFailsNamingIt() {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full) && !Files.isRegularFile(full), "Linux's /dev/full fails every write with ENOSPC");
    FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.writeString(full, "x"));
    assertEquals("/dev/full: cannot write (No space left on device)", e.getMessage());
    assertFalse(Files.isRegularFile(full), "the device is still there");
  }

  @Test
  void aTargetThatIsADirectoryIsRefusedByName() throws IOException {
    Path target = Files.createDirectory(dir.resolve("model.safetensors"));
    IOException e = assertThrows(IOException.class, () -> AtomicFile.writeString(target, "x"));
    assertEquals(target + ": cannot write (Is a directory)", e.getMessage());
    assertEquals(List.of("model.safetensors"), names(dir));
  }

  @Test
  void aMissingDirectoryIsNamedThroughTheTargetNotTheTemporary() {
    Path target = dir.resolve("no/such/model.safetensors");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFile.writeString(target, "x"));
    assertEquals(target + ": cannot write (No such file or directory)", e.getMessage());
  }

  @Test
  void aSymbolicLinkStaysALinkAndTheFileItPointsToIsReplaced() throws IOException {
    Path real = Files.writeString(Files.createDirectory(dir.resolve("store")).resolve("real.csv"), "old");
    Path first = Files.createSymbolicLink(dir.resolve("first.csv"), Path.of("store/real.csv"));
    Path second = Files.createSymbolicLink(dir.resolve("second.csv"), first.toAbsolutePath());
    AtomicFile.writeString(second, "new");
    assertTrue(Files.isSymbolicLink(first) && Files.isSymbolicLink(second));
    assertEquals("new", Files.readString(real));
    assertEquals(List.of("real.csv"), names(dir.resolve("store")));

    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), Path.of("store/created.csv"));
    AtomicFile.writeString(dangling, "made");
    assertTrue(Files.isSymbolicLink(dangling));
    assertEquals("made", Files.readString(dir.resolve("store/created.csv")));
  }

  @Test
  void anExistingFileKeepsItsPermissions() throws IOException {
    Path file = Files.writeString(dir.resolve("history.csv"), "old");
    for (String mode : List.of("rw-r-----", "rw-rw-rw-", "r--------")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      AtomicFile.writeString(file, "new " + mode);
      assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
  }

  @Test
  void aNewFileGetsTheDefaultPermissionsOfANewFile() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain"));
    Path file = dir.resolve("atomic");
    AtomicFile.writeString(file, "x");
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
  }

  @Test
  void anyNameTheFileSystemAcceptsWorks() throws IOException {
    for (String name : List.of("m".repeat(240) + ".csv", "n".repeat(255), "\u00e9".repeat(127))) {
      Path file = dir.resolve(name);
      AtomicFile.writeString(file, name);
      assertEquals(name, Files.readString(file));
    }
    assertEquals(3, names(dir).size());
  }

  @Test
  void theNextSaveRemovesTemporariesOfDeadWritersButNotOfLiveOnes() throws Exception {
    Path dead = Files.writeString(dir.resolve(new TempName("a.csv", deadPid(), "00000001", "tmp").toString()), "x");
    Path mine = Files.writeString(dir.resolve(new TempName("a.csv", ProcessHandle.current().pid(), "00000002",
        "tmp").toString()), "x");
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Path live = Files.writeString(dir.resolve(new TempName("b.csv", sleeper.pid(), "00000003", "tmp").toString()),
          "x");
      Path foreign = Files.writeString(dir.resolve(".notes.txt.tmp"), "someone else's");
      AtomicFile.writeString(dir.resolve("c.csv"), "c");
      assertFalse(Files.exists(dead), "its writer is gone");
      assertTrue(Files.exists(mine) && Files.exists(live), "a live writer's temporary is never touched");
      assertTrue(Files.exists(foreign), "a name chainrule does not write is never touched");
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  @Test
  void aSaveKilledMidWriteIsCleanedUpByTheNextSave() throws Exception {
    Path target = dir.resolve("model.safetensors");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        KilledWriter.class.getName(), target.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertEquals("writing", out.readLine(), "the child started its write");
      List<String> during = names(dir);
      assertEquals(1, during.size(), during.toString());
      Optional<TempName> temp = TempName.parse(during.get(0));
      assertTrue(temp.isPresent() && temp.get().pid() == child.pid(), during.toString());
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertEquals(1, names(dir).size(), "a killed writer cannot clean up");
    AtomicFile.writeString(dir.resolve("history.csv"), "next save");
    assertEquals(List.of("history.csv"), names(dir));
  }

  @Test
  void aFullDiskFailsNamingTheTargetAndLeavesThePreviousFile() throws Exception {
    Optional<SmallDisk> mounted = SmallDisk.mount(dir.resolve("small"), "64k");
    assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
    try (SmallDisk disk = mounted.get()) {
      Path file = disk.directory().resolve("model.safetensors");
      AtomicFile.writeString(file, "previous");
      FileSystemException e = assertThrows(FileSystemException.class,
          () -> AtomicFile.writeBytes(file, new byte[1 << 20]));
      assertEquals(file + ": cannot write (No space left on device)", e.getMessage());
      assertInstanceOf(IOException.class, e.getCause());
      assertEquals("previous", Files.readString(file));
      assertEquals(List.of("model.safetensors"), names(disk.directory()));
    }
  }

  @Test
  void aReadOnlyFileSystemIsNamed() throws Exception {
    Optional<SmallDisk> mounted = SmallDisk.mountReadOnly(dir.resolve("ro"));
    assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
    try (SmallDisk disk = mounted.get()) {
      Path file = disk.directory().resolve("history.csv");
      FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.writeString(file, "x"));
      assertEquals(file + ": cannot write (Read-only file system)", e.getMessage());
    }
  }
}
