package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TorchReferenceTest {
  @Test
  void onlyTheAskedSettingsLinesAreResults() {
    List<String> output = List.of(
        "PyTorch 1.13.0a0, load average at start 1.20",
        "char LM Embedding(65, 64)-LSTM(64, 256)-Linear(256, 65), batch 32 x 64, Adam 2e-3, clip 1.0; 20 warm-up",
        "         threads      ms/step       loss",
        "               1        61.25     3.0123",
        "2+interop1+blas1        40.50     3.0456",
        "      1+blas2           55.00     3.0000",
        "load average at end 1.40");
    assertEquals(List.of(new TorchReference.Result("1", 61.25, 3.0123),
        new TorchReference.Result("2+interop1+blas1", 40.50, 3.0456)),
        TorchReference.parse(output, List.of("1", "2+interop1", "2+interop1+blas1")));
  }

  @Test
  void eachThreadCountHasTheMlpComparisonsSettings() {
    assertEquals(List.of("1"), TorchReference.settingsFor(1));
    assertEquals(List.of("2+interop1", "2+interop1+blas1"), TorchReference.settingsFor(2));
    assertEquals(List.of(), TorchReference.settingsFor(3));
  }
}
