package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.train.Fixtures.FakeState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long MS = 1_000_000;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final long[] now = {5_000 * MS};

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static long count(String text, char c) {
    return text.chars().filter(ch -> ch == c).count();
  }

  /** Plays one epoch of {@code batches} batches, {@code stepMs} apart, then its end with {@code result}. */
  private void epoch(ProgressBar bar, FakeState state, int epoch, int batches, long stepMs, EpochResult result) {
    bar.onEpochBegin(state, epoch);
    for (int b = 0; b < batches; b++) {
      now[0] += stepMs * MS;
      bar.onBatchEnd(state, b, 1.0);
    }
    state.endEpoch(bar, result);
  }

  @Test
  void onATerminalRedrawsOneLineWithBarEtaAndRunningLossAndMetrics() {
    ProgressBar bar = new ProgressBar(out, true, () -> now[0]);
    FakeState state = new FakeState(Fixtures.linear(2, 1, 1), 2, 10);
    bar.onEpochBegin(state, 1);
    for (int b = 0; b < 10; b++) {
      now[0] += 30 * MS;
      state.running = new java.util.LinkedHashMap<>(Map.of("loss", b < 4 ? 10.0 : 0.5));
      state.running.put("accuracy", 0.25);
      bar.onBatchEnd(state, b, 1.0);
    }
    state.endEpoch(bar, new EpochResult(1, Map.of("loss", 0.25), 1.5));

    String[] frames = output().split("\r", -1);
    assertEquals("", frames[0]);
    assertEquals(5, frames.length, "drawn at the start, at 120 and 240 ms, and at the end: " + output());
    assertEquals("epoch 1/2 [" + " ".repeat(30) + "] 0/10 - 0.0s", frames[1]);
    assertEquals("epoch 1/2 [" + "=".repeat(12) + ">" + " ".repeat(17) + "] 4/10 - 0.1s - ETA 0.2s - loss: 10.0000 - accuracy: 0.2500",
        frames[2]);
    assertEquals("epoch 1/2 [" + "=".repeat(24) + ">" + " ".repeat(5) + "] 8/10 - 0.2s - ETA 0.1s - loss: 0.5000 - accuracy: 0.2500 ",
        frames[3], "padded to blank the longer line before");
    String summary = "epoch 1/2 [" + "=".repeat(30) + "] 10/10 - 1.5s - loss: 0.2500";
    assertEquals(summary + " ".repeat(frames[3].length() - 1 - summary.length()) + "\n", frames[4]);
  }

  @Test
  void onATerminalRedrawsAtMostTenTimesASecond() {
    ProgressBar bar = new ProgressBar(out, true, () -> now[0]);
    FakeState state = new FakeState(Fixtures.linear(2, 1, 1), 1, 1000);
    state.running = Map.of("loss", 0.5);
    epoch(bar, state, 1, 1000, 1, Fixtures.epoch(1, "loss", 0.5));
    assertEquals(1 + 10 + 1, count(output(), '\r'), "start, once per 100 ms of a second, end");
    assertEquals(1, count(output(), '\n'));
  }

  @Test
  void elsewherePrintsOneSummaryLinePerEpochAndNothingElse() {
    ProgressBar bar = new ProgressBar(out, false, () -> now[0]);
    FakeState state = new FakeState(Fixtures.linear(2, 1, 1), 3, 1000);
    state.running = Map.of("loss", 0.5);
    for (int e = 1; e <= 3; e++) {
      epoch(bar, state, e, 1000, 1, Fixtures.epoch(e, "loss", 1.0 / e, "val_loss", 2.0 / e, "lr", 1e-5));
    }
    String expected = "epoch 2/3 [" + "=".repeat(30) + "] 1000/1000 - 0.3s - loss: 0.5000 - val_loss: 1.0000"
        + " - lr: 1.000e-05";
    assertEquals(3, output().lines().count(), output());
    assertEquals(expected, output().lines().toList().get(1));
    assertFalse(output().contains("\r"));
  }

  private History train(ProgressBar bar) {
    return Fixtures.classificationTrainer(Fixtures.linear(2, 2, 4), 0.1).epochs(3).callbacks(bar).build()
        .fit(Fixtures.loader(Fixtures.blobs(64, 1), 16), Fixtures.loader(Fixtures.blobs(32, 2), 32));
  }

  private static final Pattern SUMMARY = Pattern.compile("epoch \\d/3 \\[={30}] 4/4 - \\d+\\.\\ds - loss: \\d\\.\\d{4}"
      + " - accuracy: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4} - lr: 0\\.1000");

  @Test
  void throughTheTrainerWithoutATerminal() {
    train(new ProgressBar(out, false));
    List<String> lines = output().lines().toList();
    assertEquals(3, lines.size(), output());
    for (int e = 0; e < 3; e++) {
      assertTrue(SUMMARY.matcher(lines.get(e)).matches(), lines.get(e));
      assertTrue(lines.get(e).startsWith("epoch " + (e + 1) + "/3 "), lines.get(e));
    }
  }

  @Test
  void throughTheTrainerOnATerminalEachEpochEndsInItsSummary() {
    train(new ProgressBar(out, true));
    List<String> lines = List.of(output().split("\n"));
    assertEquals(3, lines.size(), output());
    for (String line : lines) {
      String last = line.substring(line.lastIndexOf('\r') + 1).stripTrailing();
      assertTrue(SUMMARY.matcher(last).matches(), last);
    }
    assertTrue(output().endsWith("\n"));
  }
}
