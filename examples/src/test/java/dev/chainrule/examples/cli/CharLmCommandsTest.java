package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model charlm} and {@code sample} through {@link Main}: a tiny run (a small LSTM, a few steps)
 * lowers the validation loss, follows the cosine learning-rate schedule and writes its files, sampling is
 * deterministic for a seed, and user errors are one line with exit code 2.
 */
class CharLmCommandsTest {
  @TempDir
  static Path dir;

  private static Path run;
  private static CliRun training;

  @BeforeAll
  static void trainATinyModel() {
    run = dir.resolve("charlm");
    training = CliRun.of("train", "--model", "charlm", "--steps", "40", "--eval-every", "10", "--hidden", "32",
        "--embedding", "16", "--batch-size", "8", "--sequence-length", "16", "--lr", "0.01", "--threads", "1",
        "--output", run.toString());
  }

  @Test
  void aTinyRunLowersTheValidationLossAndWritesItsFiles() throws IOException {
    assertEquals(0, training.code(), training::toString);
    assertTrue(training.out().contains("val_bpc"), training::toString);
    for (String file : CharLmTraining.RUN_FILES) {
      assertTrue(Files.isRegularFile(run.resolve(file)), file);
    }
    List<String> rows = Files.readAllLines(run.resolve(TrainCommand.HISTORY_FILE));
    assertEquals("step,loss,val_loss,val_bpc,lr,seconds", rows.get(0));
    assertEquals(5, rows.size(), "a measurement every 10 of 40 steps");
    double first = Double.parseDouble(rows.get(1).split(",")[2]);
    double last = Double.parseDouble(rows.get(4).split(",")[2]);
    assertTrue(last < first, "validation loss " + first + " -> " + last);
    assertTrue(last < Math.log(65), "better than uniform over 65 characters: " + last);
    assertEquals(last / Math.log(2), Double.parseDouble(rows.get(4).split(",")[3]), 1e-4, "bpc = loss / ln 2");
    for (String row : rows.subList(1, rows.size())) {
      int step = Integer.parseInt(row.split(",")[0]);
      double cosine = 0.001 + 0.009 * (1 + Math.cos(Math.PI * (step - 1) / 40)) / 2;
      assertEquals(cosine, Double.parseDouble(row.split(",")[4]), 1e-7, "step " + step + ": the cosine from"
          + " --lr 0.01 to 0.001 over 40 steps, at the steps done before it");
    }
  }

  @Test
  void aTimeLimitStopsTheRunAndItsLastStepIsStillMeasured() throws IOException {
    Path out = dir.resolve("timed");
    CliRun r = CliRun.of("train", "--model", "charlm", "--steps", "100000", "--minutes", "0.000001", "--hidden", "8",
        "--embedding", "4", "--batch-size", "2", "--sequence-length", "4", "--threads", "1", "--output",
        out.toString());
    assertEquals(0, r.code(), r::toString);
    List<String> rows = Files.readAllLines(out.resolve(TrainCommand.HISTORY_FILE));
    assertEquals(2, rows.size(), "one step, measured: " + rows);
    assertTrue(rows.get(1).startsWith("1,"), rows::toString);
  }

  @Test
  void theSameSeedSamplesTheSameText() {
    CliRun a = sample("--seed", "7");
    CliRun b = sample("--seed", "7");
    CliRun c = sample("--seed", "8");
    assertEquals(0, a.code(), a::toString);
    assertEquals(a.out(), b.out());
    assertNotEquals(a.out(), c.out());
    assertTrue(a.out().startsWith("KING:"), a::toString);
    assertEquals("KING:".length() + 50 + System.lineSeparator().length(), a.out().length(), a::toString);
  }

  @Test
  void sampleRefusesAMissingRunAPrimeOutsideTheVocabularyAndABadTemperature() {
    assertUserError(CliRun.of("sample", "--dir", dir.resolve("nothing").toString()), "train --model charlm");
    assertUserError(CliRun.of("sample", "--dir", run.toString(), "--prime", "ROMEO~"), "'~'");
    assertUserError(sample("--temperature", "0"), "--temperature");
    assertUserError(sample("--temperature", "-1"), "--temperature");
    assertUserError(sample("--length", "0"), "--length");
  }

  @Test
  void trainRefusesAnUnknownModelAndOptionsOfTheOtherKind() {
    assertUserError(CliRun.of("train", "--model", "gpt"), "charlm");
    assertUserError(CliRun.of("train", "--model", "mlp", "--steps", "3"), "--model charlm");
    assertUserError(CliRun.of("train", "--model", "charlm", "--hidden", "8,8", "--output",
        dir.resolve("x").toString()), "--hidden");
    assertUserError(CliRun.of("train", "--model", "charlm", "--epochs", "2", "--output",
        dir.resolve("x").toString()), "--steps");
    assertUserError(CliRun.of("train", "--model", "charlm", "--steps", "0"), "--steps");
    assertUserError(CliRun.of("train", "--model", "charlm", "--schedule", "linear"),
        "unknown schedule 'linear'; choose one of cosine, constant");
    assertUserError(CliRun.of("train", "--model", "mlp", "--schedule", "cosine"), "--model charlm");
  }

  private static CliRun sample(String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("sample", "--dir", run.toString(), "--prime", "KING:",
        "--length", "50"));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void assertUserError(CliRun r, String mentions) {
    assertEquals(Main.EXIT_USER_ERROR, r.code(), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
    assertTrue(r.err().contains(mentions), r::toString);
    assertTrue(r.out().isEmpty(), r::toString);
  }
}
