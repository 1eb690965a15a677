package dev.chainrule.nn.train;

import static dev.chainrule.nn.train.Fixtures.epoch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.train.Fixtures.FakeState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoggerTest {
  @TempDir
  Path dir;

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void writesTheRowsOfTheHistoryAsTheEpochsEnd() {
    Path file = dir.resolve("log.csv");
    Linear model = Fixtures.linear(2, 2, 4);
    Callback rowsSoFar = new Callback() {
      @Override
      public void onEpochEnd(TrainingState state, EpochResult result) {
        assertEquals(1 + result.epoch(), lines(file).size(), "on disk before the next epoch starts");
      }
    };
    History history = Fixtures.classificationTrainer(model, 0.1).epochs(3)
        .callbacks(new CsvLogger(file), rowsSoFar).build()
        .fit(Fixtures.loader(Fixtures.blobs(64, 1), 16), Fixtures.loader(Fixtures.blobs(32, 2), 32));
    List<String> lines = lines(file);
    assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds", lines.get(0));
    assertEquals(4, lines.size());
    Path expected = dir.resolve("history.csv");
    history.writeCsv(expected);
    assertEquals(lines(expected), lines, "the same format as History.writeCsv");
  }

  @Test
  void aNewRunReplacesTheFileUnlessAppending() {
    Path file = dir.resolve("log.csv");
    FakeState state = new FakeState(Fixtures.linear(2, 1, 1), 2, 1);
    for (int run = 0; run < 2; run++) {
      CsvLogger logger = new CsvLogger(file);
      logger.onTrainBegin(state);
      state.endEpoch(logger, epoch(1, "loss", 0.5));
      state.endEpoch(logger, epoch(2, "val_loss", 0.25, "loss", 0.125));
    }
    assertEquals(List.of("epoch,loss,seconds", "1,0.500000,0.250000", "2,0.125000,0.250000"), lines(file),
        "columns of the first epoch; a new key later is left out");

    CsvLogger appending = new CsvLogger(file, true);
    appending.onTrainBegin(state);
    state.endEpoch(appending, epoch(1, "loss", 2.0));
    assertEquals(4, lines(file).size());
    assertEquals("1,2.00000,0.250000", lines(file).get(3));
  }

  @Test
  void aMissingValueIsAnEmptyCell() {
    Path file = dir.resolve("log.csv");
    FakeState state = new FakeState(Fixtures.linear(2, 1, 1), 2, 1);
    CsvLogger logger = new CsvLogger(file, true);
    logger.onTrainBegin(state);
    state.endEpoch(logger, epoch(1, "loss", 1.0, "val_loss", 1.5));
    state.endEpoch(logger, epoch(2, "loss", 1.0));
    assertEquals(List.of("epoch,loss,val_loss,seconds", "1,1.00000,1.50000,0.250000", "2,1.00000,,0.250000"),
        lines(file));
  }

  @Test
  void appendingToAFileWithOtherColumnsIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("log.csv"), "epoch,loss,seconds\n1,1.0,0.1\n");
    FakeState state = new FakeState(Fixtures.linear(2, 1, 1), 2, 1);
    CsvLogger logger = new CsvLogger(file, true);
    logger.onTrainBegin(state);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> state.endEpoch(logger, epoch(1, "loss", 1.0, "accuracy", 0.5)));
    assertTrue(e.getMessage().contains("epoch,loss,accuracy,seconds"), e.getMessage());
    assertEquals(2, lines(file).size(), "the file is untouched");
  }

  @Test
  void aFailedWriteNamesTheFileAndWhatFailed() throws IOException {
    Path file = Files.createDirectory(dir.resolve("log.csv"));
    FakeState state = new FakeState(Fixtures.linear(2, 1, 1), 2, 1);
    CsvLogger logger = new CsvLogger(file);
    logger.onTrainBegin(state);
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> state.endEpoch(logger, epoch(1, "loss", 1.0)));
    assertEquals("CsvLogger: " + file + ": cannot write (Is a directory)", e.getMessage());
  }

  @Test
  void historyWriteCsvNamesTheFileAndWhatFailed() throws IOException {
    Path file = Files.createDirectory(dir.resolve("history.csv"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new History().writeCsv(file));
    assertEquals("history: " + file + ": cannot write (Is a directory)", e.getMessage());
  }
}
