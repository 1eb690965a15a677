package dev.chainrule.examples.cli;

import static dev.chainrule.autodiff.testing.TestFiles.names;
import static dev.chainrule.autodiff.testing.TestFiles.deadPid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.io.TempName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory is replaced whole: after {@link RunSwap#swap} the target holds exactly the new files, and
 * whatever a process killed at any point of a swap left beside the target is finished or undone by
 * {@link RunSwap#recover}, never touching what a live writer is doing.
 */
class RunSwapTest {
  @TempDir
  Path dir;

  /** A directory holding one file per entry of {@code files}, each containing its name and {@code tag}. */
  private static Path run(Path directory, String tag, String... files) throws IOException {
    Files.createDirectories(directory);
    for (String file : files) {
      Files.writeString(directory.resolve(file), file + " of " + tag);
    }
    return directory;
  }

  /** The name of a swap directory of {@code target} written by process {@code pid}. */
  private Path leftover(Path target, long pid, String kind) {
    return dir.resolve(new TempName(target.getFileName().toString(), pid, "0000abcd", kind).toString());
  }

  @Test
  void aSwapReplacesThePreviousRunWholeAndLeavesOnlyItsLock() throws IOException {
    Path target = run(dir.resolve("digits"), "old", "model.safetensors", "scaler.safetensors", "loss.svg");
    Path staging = run(RunSwap.stagingFor(target), "new", "model.safetensors", "scaler.safetensors");
    RunSwap.swap(staging, target);
    assertEquals(List.of("model.safetensors", "scaler.safetensors"), names(target), "no file of the old run");
    assertEquals("model.safetensors of new", Files.readString(target.resolve("model.safetensors")));
    assertEquals(List.of(".digits.chainrule-lock", "digits"), names(dir));
  }

  @Test
  void aSwapIntoNoPreviousRunJustRenames() throws IOException {
    Path target = dir.resolve("iris");
    RunSwap.swap(run(RunSwap.stagingFor(target), "new", "model.safetensors"), target);
    assertEquals(List.of("model.safetensors"), names(target));
    assertEquals(List.of(".iris.chainrule-lock", "iris"), names(dir));
  }

  @Test
  void aSwapKeepsThePermissionsOfTheDirectoryAndOfEachFileItReplaces() throws IOException {
    Path target = run(dir.resolve("digits"), "old", "model.safetensors");
    Files.setPosixFilePermissions(target.resolve("model.safetensors"), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
    Path staging = run(RunSwap.stagingFor(target), "new", "model.safetensors", "history.csv");
    RunSwap.swap(staging, target);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("model.safetensors"))));
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(run(dir.resolve("fresh"), "x", "f")
        .resolve("f"))), PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("history.csv"))),
        "a new file gets the default permissions");
  }

  @Test
  void aSwapKilledBetweenItsTwoRenamesIsFinishedByTheNextRecover() throws Exception {
    Path target = dir.resolve("digits");
    long pid = deadPid();
    run(leftover(target, pid, "old"), "old", "model.safetensors", "scaler.safetensors");
    run(leftover(target, pid, "new"), "new", "model.safetensors", "scaler.safetensors");
    List<String> said = RunSwap.recover(target);
    assertEquals(1, said.size(), said.toString());
    assertTrue(said.get(0).startsWith("finished saving the run in " + target + " that process " + pid), said.get(0));
    assertEquals("scaler.safetensors of new", Files.readString(target.resolve("scaler.safetensors")));
    assertEquals(List.of(".digits.chainrule-lock", "digits"), names(dir));
  }

  @Test
  void aPreviousRunMovedAsideAloneIsPutBack() throws Exception {
    Path target = dir.resolve("digits");
    long pid = deadPid();
    run(leftover(target, pid, "old"), "old", "model.safetensors");
    List<String> said = RunSwap.recover(target);
    assertTrue(said.get(0).startsWith("put back the previous run in " + target), said.toString());
    assertEquals("model.safetensors of old", Files.readString(target.resolve("model.safetensors")));
    assertEquals(List.of(".digits.chainrule-lock", "digits"), names(dir));
  }

  @Test
  void anUnfinishedRunOfADeadWriterIsDeletedButALiveWritersIsNotTouched() throws Exception {
    Path target = run(dir.resolve("digits"), "current", "model.safetensors");
    Path dead = run(leftover(target, deadPid(), "new"), "dead", "model.safetensors");
    Path other = run(dir.resolve(new TempName("iris", deadPid(), "0000abcd", "new").toString()), "other", "m");
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Path live = run(leftover(target, sleeper.pid(), "new"), "live", "model.safetensors");
      List<String> said = RunSwap.recover(target);
      assertEquals(1, said.size(), said.toString());
      assertTrue(said.get(0).startsWith("deleted the unfinished run for " + target), said.get(0));
      assertTrue(Files.notExists(dead), "its writer is gone");
      assertTrue(Files.isDirectory(live), "a live writer's directory is never touched");
      assertTrue(Files.isDirectory(other), "another target's leftovers are its own recovery's business");
      assertEquals("model.safetensors of current", Files.readString(target.resolve("model.safetensors")));
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  @Test
  void withNothingToRecoverNothingIsTouched() throws IOException {
    Path target = run(dir.resolve("digits"), "current", "model.safetensors");
    assertEquals(List.of(), RunSwap.recover(target));
    assertEquals(List.of("digits"), names(dir), "not even a lock file");
    assertEquals(List.of(), RunSwap.recover(dir.resolve("missing/digits")), "a missing parent is nothing to do");
  }
}
