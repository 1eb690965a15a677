package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.bench.CharLmStep.Part;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run of the bench with one warm-up and two timed steps, and the arithmetic of its table. */
class CharLmTrainBenchTest {
  @Test
  void aShortRunPrintsTheStepsFiguresItsPartsAndTheOpProfile() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CharLmTrainBench.run(1, 2, new int[] {1}, false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    List<String> lines = out.lines().toList();
    assertTrue(lines.get(0).startsWith("JDK ") && lines.get(0).contains("kernels: "), out);
    int header = lines.indexOf(lines.stream().filter(l -> l.contains("CPU ms/step") && l.startsWith("threads"))
        .findFirst().orElseThrow());
    String[] row = lines.get(header + 1).strip().split("\\s+");
    assertEquals("1", row[0], out);
    assertTrue(Double.parseDouble(row[1]) > 0 && Double.parseDouble(row[2]) > 0, out);
    double loss = Double.parseDouble(row[3]);
    assertTrue(Math.abs(loss - Math.log(65)) < 0.5, "three steps from the start: about ln 65, got " + loss);
    for (String part : List.of("embedding, forward", "LSTM input projection", "LSTM recurrent loop, forward",
        "LSTM recurrent loop, backward", "output Linear + cross-entropy, backward", "Adam step", "step (mean)")) {
      assertTrue(out.contains(part), part + " in\n" + out);
    }
    assertTrue(out.contains("MatMul") && out.contains("Sigmoid"), out);
    assertFalse(out.contains("PyTorch"), "no PyTorch when not asked:\n" + out);
  }

  @Test
  void theRowsAddUpToTheStepAndTheRecurrentForwardIsTheLstmsLessTheProjection() {
    double[] parts = new double[Part.values().length];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = 1 + i * 0.5;
    }
    double[] rows = CharLmTrainBench.rows(parts, 0.75);
    double timed = 0;
    for (Part p : Part.values()) {
      timed += p == Part.SEARCH ? 0 : parts[p.ordinal()];
    }
    assertEquals(timed, java.util.Arrays.stream(rows).sum(), 1e-12);
    assertEquals(0.75, rows[1], 0.0);
    assertEquals(parts[Part.LSTM_FORWARD.ordinal()] - 0.75, rows[2], 1e-12);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, CharLmTrainBench.median(new double[] {4, 1, 3, 2}), 0.0);
    assertEquals(3, CharLmTrainBench.median(new double[] {5, 3, 1}), 0.0);
  }
}
