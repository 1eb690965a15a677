package dev.chainrule.examples.cli;

import static dev.chainrule.autodiff.testing.TestFiles.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.io.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunDirectory} never mixes a run with files it did not write: a directory holding foreign files is
 * refused before the run, one that gets them during the run keeps them and the run is saved beside it; a run that
 * is not committed leaves nothing behind.
 */
class RunDirectoryTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private PrintStream console() {
    return new PrintStream(console, true, StandardCharsets.UTF_8);
  }

  @Test
  void aRunThatIsNotCommittedLeavesNothing() throws IOException {
    Path out = dir.resolve("iris");
    try (RunDirectory run = RunDirectory.prepare("--output", out, TrainCommand.RUN_FILES, console())) {
      AtomicFile.writeString(run.directory().resolve(TrainCommand.MODEL_FILE), "half a run");
    }
    assertEquals(List.of(), names(dir), "the output directory's parent exists; nothing else is left");
  }

  @Test
  void foreignFilesThatAppearDuringTheRunAreKeptAndTheRunIsSavedBesideThem() throws IOException {
    Path out = Files.createDirectories(dir.resolve("iris"));
    UserError e;
    try (RunDirectory run = RunDirectory.prepare("--output", out, TrainCommand.RUN_FILES, console())) {
      AtomicFile.writeString(run.directory().resolve(TrainCommand.MODEL_FILE), "the new run");
      Files.writeString(out.resolve("notes.txt"), "written by someone while training ran");
      e = assertThrows(UserError.class, run::commit);
    }
    assertTrue(e.getMessage().startsWith("--output " + out + " got files chainrule did not write while training"
        + " (notes.txt); the run was saved to " + dir.resolve("iris-")), e.getMessage());
    assertEquals(List.of("notes.txt"), names(out), "the foreign file is untouched and no run file joined it");
    List<String> beside = names(dir);
    assertEquals(2, beside.size(), beside.toString());
    Path kept = dir.resolve(beside.get(1));
    assertTrue(beside.get(1).startsWith("iris-"), beside.toString());
    assertEquals("the new run", Files.readString(kept.resolve(TrainCommand.MODEL_FILE)));
  }

  @Test
  void aPreviousRunIsAnnouncedOnTheConsoleBeforeTheRun() throws IOException {
    Path out = Files.createDirectories(dir.resolve("iris"));
    Files.writeString(out.resolve(TrainCommand.MODEL_FILE), "previous");
    try (RunDirectory run = RunDirectory.prepare("--output", out, TrainCommand.RUN_FILES, console())) {
      assertTrue(console.toString(StandardCharsets.UTF_8).matches(out + " holds a previous run \\(model.safetensors of"
          + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\); this run replaces it when it finishes\\R"), console.toString());
    }
    assertEquals("previous", Files.readString(out.resolve(TrainCommand.MODEL_FILE)), "preparing changes nothing");
  }
}
