package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.io.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's main job, end to end on the bundled digits: train, then evaluate and predict from disk. */
class TrainEvaluatePredictTest {

  private static String run(String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.code(), run.toString());
    return run.out();
  }

  private static double accuracy(String output, String prefix) {
    Matcher m = Pattern.compile(prefix + "[^\\n]*accuracy (\\d+\\.\\d+)%").matcher(output);
    assertTrue(m.find(), output);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void trainWritesItsResultsAndEvaluateAndPredictReadThemBack(@TempDir Path dir) throws Exception {
    String trained = run("train", "--dataset", "digits", "--epochs", "20", "--output", dir.toString());
    double trainAccuracy = accuracy(trained, "trained");
    assertTrue(trainAccuracy >= 95, trained);
    for (String file : List.of("model.safetensors", "scaler.safetensors", "history.csv", "loss.svg", "loss.png",
        "accuracy.svg", "accuracy.png")) {
      assertTrue(Files.size(dir.resolve(file)) > 0, file);
    }
    assertEquals(21, Files.readAllLines(dir.resolve("history.csv")).size());

    String evaluated = run("evaluate", "--model", dir.resolve("model.safetensors").toString());
    assertEquals(trainAccuracy, accuracy(evaluated, "digits"), 1e-9, "the reloaded model scores the same");

    Path samples = dir.resolve("samples.csv");
    Files.writeString(samples, "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,"
        + "0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0\n");
    String predicted = run("predict", "--model", dir.resolve("model.safetensors").toString(), "--input",
        samples.toString());
    assertTrue(predicted.contains("row,class,probability\n0,0,"), predicted); // the first digit of the set is a 0
  }

  @Test
  void aConvolutionalNetworkTrainsOnTheDigitImagesAndIsReadBackAsOne(@TempDir Path dir) throws Exception {
    String trained = run("train", "--model", "cnn", "--dataset", "digits", "--epochs", "8", "--output",
        dir.toString());
    assertTrue(trained.contains("1 (Conv2d)     (1, 16, 8, 8)  160"), trained);
    assertTrue(trained.contains("7 (Flatten)    (1, 128)       0"), trained);
    double trainAccuracy = accuracy(trained, "trained");
    assertTrue(trainAccuracy >= 90, trained);
    assertReloadedAndPredicting(dir, "cnn", "64,128,10", trainAccuracy);
  }

  @Test
  void anLstmReadsTheDigitImagesRowByRowAndIsReadBackAsOne(@TempDir Path dir) throws Exception {
    String trained = run("train", "--model", "lstm", "--dataset", "digits", "--hidden", "32", "--epochs", "6",
        "--output", dir.toString());
    assertTrue(trained.contains("0 (Unflatten)  (1, 8, 8)     0"), trained);
    assertTrue(trained.contains("1 (RowLstm)    (1, 10)       5,706"), trained); // 4*32*(8+32+2) + 10*(32+1)
    double trainAccuracy = accuracy(trained, "trained");
    assertTrue(trainAccuracy >= 80, trained);
    assertReloadedAndPredicting(dir, "lstm", "64,32,10", trainAccuracy);
  }

  /**
   * The digits run saved in {@code dir} names its model and layers, scores {@code trainAccuracy} again when
   * evaluated, and predicts class 0 for a drawn zero.
   */
  private static void assertReloadedAndPredicting(Path dir, String network, String layers, double trainAccuracy)
      throws Exception {
    Path model = dir.resolve("model.safetensors");
    assertEquals(network, SafeTensors.readMetadata(model).get("model"));
    assertEquals(layers, SafeTensors.readMetadata(model).get("layers"));

    String evaluated = run("evaluate", "--model", model.toString());
    assertEquals(trainAccuracy, accuracy(evaluated, "digits"), 1e-9, "the reloaded network scores the same");
    Path samples = dir.resolve("samples.csv");
    Files.writeString(samples, "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,"
        + "0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0\n");
    String predicted = run("predict", "--model", model.toString(), "--input", samples.toString());
    assertTrue(predicted.contains("row,class,probability\n0,0,"), predicted);
  }

  @Test
  void aRunWrittenBeforeThereWereCnnsIsAPerceptron(@TempDir Path dir) throws Exception {
    run("train", "--dataset", "iris", "--epochs", "2", "--output", dir.toString());
    Path model = dir.resolve("model.safetensors");
    Map<String, String> metadata = new LinkedHashMap<>(SafeTensors.readMetadata(model));
    assertEquals("mlp", metadata.remove("model"));
    SafeTensors.save(model, SafeTensors.load(model), metadata);
    assertTrue(run("evaluate", "--model", model.toString()).startsWith("iris, 21 test samples"));
  }
}
