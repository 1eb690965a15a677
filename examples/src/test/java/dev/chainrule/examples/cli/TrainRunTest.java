package dev.chainrule.examples.cli;

import static dev.chainrule.autodiff.testing.TestFiles.names;
import static dev.chainrule.autodiff.testing.TestFiles.deadPid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.autodiff.io.TempName;
import dev.chainrule.autodiff.testing.SmallDisk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished training run is never lost, through {@link Main} on the small iris set: a second run replaces the
 * first whole and says so, a diverged run with {@code --patience} saves its best epoch, an output directory that
 * cannot take the run is refused before training, and a killed run leaves the previous one in place.
 */
class TrainRunTest {
  @TempDir
  Path dir;

  private static final String[] RUN_FILES = {"accuracy.png", "accuracy.svg", "history.csv", "loss.png", "loss.svg",
      "model.safetensors", "scaler.safetensors"};

  private static CliRun train(Path output, String... options) {
    String[] args = Stream.concat(Stream.of("train", "--dataset", "iris", "--output", output.toString()),
        Stream.of(options)).toArray(String[]::new);
    return CliRun.of(args);
  }

  /** Every file of a run directory, by name. */
  private static Map<String, byte[]> contents(Path run) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : names(run)) {
      files.put(name, Files.readAllBytes(run.resolve(name)));
    }
    return files;
  }

  private static void assertSameFiles(Map<String, byte[]> expected, Path run) throws IOException {
    Map<String, byte[]> actual = contents(run);
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
  }

  @Test
  void aSecondRunReplacesTheFirstWholeAndSaysSo() throws IOException {
    Path out = dir.resolve("iris");
    CliRun first = train(out, "--epochs", "3");
    assertEquals(0, first.code(), first.toString());
    assertFalse(first.out().contains("previous run"), first.out());
    assertEquals(List.of(RUN_FILES), names(out));

    CliRun second = train(out, "--epochs", "2");
    assertEquals(0, second.code(), second.toString());
    assertTrue(second.out().startsWith(out + " holds a previous run (model.safetensors of "), second.out());
    assertTrue(second.out().contains("this run replaces it when it finishes"), second.out());
    assertEquals(List.of(RUN_FILES), names(out));
    assertEquals(3, Files.readAllLines(out.resolve("history.csv")).size(), "the history of the second run");
    assertEquals(List.of(".iris.chainrule-lock", "iris"), names(dir), "no staging directory is left");
  }

  @Test
  void aDivergedRunWithPatienceWritesTheBestEpochsWeightsAndSaysSoInOneLine() throws IOException {
    Path out = dir.resolve("diverged");
    // Plain SGD at this rate is finite for three epochs on iris, then the loss overflows (fixed seed).
    CliRun run = train(out, "--optimizer", "sgd", "--lr", "50", "--epochs", "10", "--patience", "5");
    assertEquals(Main.EXIT_DIVERGED, run.code(), run.toString());
    List<String> lines = run.err().lines().toList();
    assertEquals(1, lines.size(), run.toString());
    String line = lines.get(0);
    assertTrue(line.startsWith("chainrule train: training diverged at epoch 4 (fit: the loss became"), line);
    assertTrue(line.endsWith("; wrote the weights of epoch 1, the best by validation loss, and the history of epochs"
        + " 1-3 to " + out + "; lower --lr to train further"), line);
    assertEquals(List.of(RUN_FILES), names(out));
    assertEquals(4, Files.readAllLines(out.resolve("history.csv")).size(), "the header and epochs 1-3");
    assertEquals("1", SafeTensors.readMetadata(out.resolve("model.safetensors")).get("epoch"));

    CliRun evaluated = CliRun.of("evaluate", "--model", out.resolve("model.safetensors").toString());
    assertEquals(0, evaluated.code(), "the saved weights are finite and load: " + evaluated);
  }

  @Test
  void aDivergedRunWithoutPatienceSaysHowToKeepItAndLeavesThePreviousRunUntouched() throws IOException {
    Path out = dir.resolve("iris");
    assertEquals(0, train(out, "--epochs", "1").code());
    Map<String, byte[]> previous = contents(out);
    CliRun run = train(out, "--optimizer", "sgd", "--lr", "50", "--epochs", "10");
    assertEquals(Main.EXIT_DIVERGED, run.code(), run.toString());
    assertEquals(List.of("chainrule train: training diverged at epoch 4 (fit: the loss became"),
        run.err().lines().map(l -> l.substring(0, l.indexOf(" became") + 7)).toList());
    assertTrue(run.err().strip().endsWith("; nothing was written to " + out + "; lower --lr, or add --patience N"
        + " to save the best epoch's weights when this happens"), run.err());
    assertSameFiles(previous, out);
    assertEquals(List.of(".iris.chainrule-lock", "iris"), names(dir), "its staging directory was removed");
  }

  @Test
  void aSymbolicLinkToTheOutputDirectoryStaysALink() throws IOException {
    Path real = Files.createDirectories(dir.resolve("disk/runs/iris"));
    Path link = Files.createSymbolicLink(dir.resolve("iris"), real);
    for (int i = 0; i < 2; i++) {
      CliRun run = train(link, "--epochs", "1");
      assertEquals(0, run.code(), run.toString());
      assertTrue(Files.isSymbolicLink(link), "after run " + (i + 1));
      assertEquals(List.of(RUN_FILES), names(real));
    }
  }

  @Test
  void aReadOnlyOutputIsRefusedBeforeAnyDataIsLoaded() throws Exception {
    Optional<SmallDisk> mounted = SmallDisk.mountReadOnly(dir.resolve("ro"));
    assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
    try (SmallDisk disk = mounted.get()) {
      Path out = disk.directory().resolve("iris");
      CliRun run = train(out);
      assertEquals(Main.EXIT_USER_ERROR, run.code(), run.toString());
      assertEquals("chainrule train: --output " + out + " cannot be written (Read-only file system); choose another"
          + " directory or free some space", run.err().strip());
      assertEquals("", run.out(), "nothing loaded, nothing trained");
    }
  }

  @Test
  void aDiskWithoutRoomForTheRunIsRefusedBeforeTraining() throws Exception {
    Optional<SmallDisk> mounted = SmallDisk.mount(dir.resolve("small"), "64k");
    assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
    try (SmallDisk disk = mounted.get()) {
      Path out = disk.directory().resolve("iris");
      CliRun run = train(out);
      assertEquals(Main.EXIT_USER_ERROR, run.code(), run.toString());
      String line = run.err().strip();
      assertTrue(line.startsWith("chainrule train: --output " + out + ": its disk has "), line);
      assertTrue(line.contains(" free, the run needs about ") && line.endsWith("; free some space or choose another"
          + " directory"), line);
      assertFalse(run.out().contains("epoch 1/"), "refused before the first epoch: " + run.out());
      assertEquals(List.of(), names(disk.directory()), "the probe and staging directory are gone");
    }
  }

  @Test
  void aDiskThatFillsDuringTheSaveNamesTheDirectoryAndFileAndKeepsThePreviousRun() throws Exception {
    Optional<SmallDisk> mounted = SmallDisk.mount(dir.resolve("small"), "256k");
    assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
    try (SmallDisk disk = mounted.get()) {
      Path out = Files.createDirectories(disk.directory().resolve("iris"));
      Files.writeString(out.resolve("model.safetensors"), "previous model");
      Files.writeString(out.resolve("scaler.safetensors"), "previous scaler");
      Map<String, byte[]> previous = contents(out);
      UserError failure;
      try (RunDirectory run = RunDirectory.prepare("--output", out, TrainCommand.RUN_FILES, System.out)) {
        AtomicFile.writeString(run.directory().resolve("model.safetensors"), "new model");
        IOException full = assertThrows(IOException.class,
            () -> AtomicFile.writeBytes(run.directory().resolve("scaler.safetensors"), new byte[1 << 20]));
        failure = run.failed("writing the run", full);
      }
      assertEquals("--output " + out + ": writing the run failed (scaler.safetensors: No space left on device); the"
          + " previous run there is untouched", failure.getMessage());
      assertSameFiles(previous, out);
      assertEquals(List.of("iris"), names(disk.directory()), "the staging directory was removed");
    }
  }

  @Test
  void evaluateFinishesASaveThatAKilledTrainLeftBetweenItsRenames() throws Exception {
    Path out = dir.resolve("iris");
    assertEquals(0, train(out, "--epochs", "1").code());
    long pid = deadPid();
    // The state of a train killed between the two renames of its swap: no target, the old run moved aside, the
    // complete new run beside it, both named with the dead writer's pid.
    TempName name = new TempName("iris", pid, "0000abcd", "new");
    Files.move(out, dir.resolve(name.withKind("old").toString()));
    assertEquals(0, train(dir.resolve("elsewhere"), "--epochs", "2").code());
    Files.move(dir.resolve("elsewhere"), dir.resolve(name.toString()));

    CliRun run = CliRun.of("evaluate", "--model", out.resolve("model.safetensors").toString());
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().startsWith("finished saving the run in " + out.toAbsolutePath() + " that process "
        + pid + " was writing when it stopped\niris, 21 test samples: "), run.out());
    assertEquals(3, Files.readAllLines(out.resolve("history.csv")).size(), "the new run (2 epochs) is in place");
    assertTrue(names(dir).stream().noneMatch(n -> n.contains(".chainrule-" + pid)), names(dir).toString());
  }

  @Test
  void aKilledTrainLeavesThePreviousRunAndTheNextTrainRemovesWhatItLeft() throws Exception {
    Path out = dir.resolve("digits");
    assertEquals(0, train(out, "--epochs", "1").code());
    Map<String, byte[]> previous = contents(out);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "train", "--dataset", "digits", "--epochs",
        "500", "--output", out.toString()).redirectErrorStream(true).start();
    List<String> during;
    try (BufferedReader console = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = console.readLine(); line != null && !line.startsWith("epoch 1/"); ) {
        line = console.readLine();
      }
      during = names(dir);
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    String prefix = ".digits.chainrule-" + child.pid() + "-";
    assertTrue(during.stream().anyMatch(n -> n.startsWith(prefix) && n.endsWith(".new")), during.toString());
    assertSameFiles(previous, out);

    CliRun next = train(out, "--epochs", "1");
    assertEquals(0, next.code(), next.toString());
    assertTrue(next.out().startsWith("deleted the unfinished run for " + out.toAbsolutePath() + " that process "
        + child.pid() + " left in " + prefix), next.out());
    assertEquals(List.of(".digits.chainrule-lock", "digits"), names(dir));
  }
}
