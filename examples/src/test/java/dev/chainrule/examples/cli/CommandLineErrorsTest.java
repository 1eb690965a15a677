package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line's error contract, case by case through {@link Main}: a user's mistake is exit code 2 and one
 * line on stderr, {@code chainrule <command>: ...}, saying what is wrong, with no stack trace; a mistake in the
 * options fails before any data is loaded (nothing on stdout). A bug still shows its trace.
 */
class CommandLineErrorsTest {
  @TempDir
  static Path dir;

  /** A run of iris trained once for the cases that need a model: model.safetensors and scaler.safetensors. */
  static Path run;

  static Path model;

  static Path csv;

  @BeforeAll
  static void trainOnce() throws IOException {
    run = dir.resolve("iris");
    CliRun trained = CliRun.of("train", "--dataset", "iris", "--epochs", "2", "--output", run.toString());
    assertEquals(0, trained.code(), trained.toString());
    model = run.resolve(TrainCommand.MODEL_FILE);
    csv = Files.writeString(dir.resolve("flowers.csv"), "5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
  }

  /** A copy of the trained run in a new directory, with {@code change} applied to its files. */
  private static Path variant(String name, FileChange change) throws IOException {
    Path copy = Files.createDirectories(dir.resolve("variants").resolve(name));
    for (String file : List.of(TrainCommand.MODEL_FILE, TrainCommand.SCALER_FILE)) {
      Files.copy(run.resolve(file), copy.resolve(file));
    }
    change.apply(copy);
    return copy.resolve(TrainCommand.MODEL_FILE);
  }

  private interface FileChange {
    void apply(Path run) throws IOException;
  }

  /** Re-saves the trained model's tensors with {@code key} of its metadata set to {@code value} (null: removed). */
  private static FileChange metadata(String key, String value) {
    return copy -> {
      Path file = copy.resolve(TrainCommand.MODEL_FILE);
      Map<String, String> metadata = new LinkedHashMap<>(SafeTensors.readMetadata(file));
      if (value == null) {
        metadata.remove(key);
      } else {
        metadata.put(key, value);
      }
      SafeTensors.save(file, SafeTensors.load(file), metadata);
    };
  }

  /** Re-saves the trained model with the first weight of its first tensor set to NaN, keeping the metadata. */
  private static final FileChange NAN_WEIGHT = copy -> {
    Path file = copy.resolve(TrainCommand.MODEL_FILE);
    Map<String, Tensor> tensors = new LinkedHashMap<>(SafeTensors.load(file));
    String first = tensors.keySet().iterator().next();
    float[] values = tensors.get(first).toFloatArray();
    values[0] = Float.NaN;
    tensors.put(first, Tensor.of(values, tensors.get(first).shape().dims()));
    SafeTensors.save(file, tensors, SafeTensors.readMetadata(file));
  };

  /** One bad invocation: the words of its message that say what is wrong, and whether it fails before any data. */
  private record Case(String fragment, boolean beforeData, String... args) {
    static Case early(String fragment, String... args) {
      return new Case(fragment, true, args);
    }

    static Case late(String fragment, String... args) {
      return new Case(fragment, false, args);
    }

    @Override
    public String toString() {
      return String.join(" ", args);
    }
  }

  private static List<Case> cases() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    Path noModel = Files.createDirectories(dir.resolve("no-model"));
    Path corrupt = variant("corrupt", r -> Files.write(r.resolve(TrainCommand.MODEL_FILE), new byte[] {1, 2, 3}));
    Path truncated = variant("truncated", r -> {
      Path m = r.resolve(TrainCommand.MODEL_FILE);
      byte[] bytes = Files.readAllBytes(m);
      Files.write(m, Arrays.copyOf(bytes, bytes.length - 100));
    });
    Path plainSafetensors = variant("no-metadata", r -> SafeTensors.save(r.resolve(TrainCommand.MODEL_FILE),
        Map.of("w", Tensor.zeros(2, 2))));
    Path wrongLayers = variant("wrong-architecture", metadata("layers", "4,32,3"));
    Path layersNotNumbers = variant("layers-abc", metadata("layers", "abc"));
    Path hugeLayers = variant("layers-huge", metadata("layers", "4,2000000000,3"));
    Path emptyLayers = variant("layers-empty", metadata("layers", ""));
    Path badSeed = variant("seed", metadata("seed", "forty-two"));
    Path noSeed = variant("no-seed", metadata("seed", null));
    Path badDataset = variant("dataset", metadata("dataset", "mnist"));
    Path badActivation = variant("activation", metadata("activation", "gelu"));
    Path cnnOnIris = variant("cnn-on-iris", metadata("model", "cnn"));
    Path lstmOnIris = variant("lstm-on-iris", metadata("model", "lstm"));
    Path lstmLayers = variant("lstm-layers", copy -> {
      metadata("dataset", "digits").apply(copy);
      metadata("model", "lstm").apply(copy);
      metadata("layers", "64,8,4,10").apply(copy);
    });
    Path nanWeight = variant("nan-weight", NAN_WEIGHT);
    Path noScaler = variant("no-scaler", r -> Files.delete(r.resolve(TrainCommand.SCALER_FILE)));
    Path corruptScaler = variant("corrupt-scaler", r -> Files.writeString(r.resolve(TrainCommand.SCALER_FILE), "x"));
    Path wideScaler = variant("wide-scaler", r -> SafeTensors.save(r.resolve(TrainCommand.SCALER_FILE),
        Map.of("mean", Tensor.zeros(5), "scale", Tensor.ones(5))));
    Path zeroScale = variant("zero-scale", r -> SafeTensors.save(r.resolve(TrainCommand.SCALER_FILE),
        Map.of("mean", Tensor.zeros(4), "scale", Tensor.zeros(4))));
    Path malformed = Files.writeString(dir.resolve("malformed.csv"), "5.1,3.5,1.4,0.2\n6.7,x,5.2,2.3\n");
    Path ragged = Files.writeString(dir.resolve("ragged.csv"), "5.1,3.5,1.4,0.2\n6.7,3.0\n");
    Path narrow = Files.writeString(dir.resolve("narrow.csv"), "5.1,3.5,1.4\n");
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    String m = model.toString();
    String c = csv.toString();
    List<Case> cases = new ArrayList<>();
    if (Files.exists(Path.of("/dev/full"))) { // Linux: every write fails with ENOSPC, a full disk for free
      cases.add(Case.early("--out /dev/full cannot be written (No space left on device)", "graph", "--out",
          "/dev/full"));
    }
    cases.addAll(List.of(
        Case.early("--epochs must be at least 1, got -1", "train", "--epochs", "-1"),
        Case.early("--epochs must be at least 1, got 0", "train", "--epochs", "0"),
        Case.early("'abc' is not an int", "train", "--epochs", "abc"),
        Case.early("--lr must be a positive finite number", "train", "--lr", "-1"),
        Case.early("--lr must be a positive finite number such as 0.001, got NaN", "train", "--lr", "NaN"),
        Case.early("got Infinity", "train", "--lr", "Infinity"),
        Case.early("got 0.0", "train", "--lr", "0"),
        Case.early("--batch-size must be at least 1, got 0", "train", "--batch-size", "0"),
        Case.early("--hidden values must be at least 1, got 0", "train", "--hidden", "0"),
        Case.early("--hidden values must be at least 1, got 64,0", "train", "--hidden", "64,0"),
        Case.early("--hidden needs at least one number", "train", "--hidden", ","),
        Case.early("--threads must be at least 1, got 0", "train", "--threads", "0"),
        Case.early("--patience must be at least 1, got -1", "train", "--patience", "-1"),
        Case.early("unknown data set 'nosuch'; choose one of digits, iris, breast-cancer, fashion-mnist", "train",
            "--dataset", "nosuch"),
        Case.early("unknown optimizer 'nosuch'; choose one of sgd, momentum, nesterov, adagrad, adadelta, rmsprop,"
            + " adam, adamw", "train", "--optimizer", "nosuch"),
        Case.early("unknown activation 'gelu'", "train", "--activation", "gelu"),
        Case.early("unknown model 'transformer'; choose one of mlp, cnn, lstm, charlm", "train", "--model",
            "transformer"),
        Case.early("--model cnn needs images, and data set iris has none; use --dataset digits or fashion-mnist",
            "train", "--dataset", "iris", "--model", "cnn"),
        Case.early("--model lstm needs images, and data set breast-cancer has none; use --dataset digits or"
            + " fashion-mnist", "train", "--dataset", "breast-cancer", "--model", "lstm"),
        Case.early("--hidden of an lstm is one size, the LSTM units, e.g. --hidden 128; got 2 sizes", "train",
            "--model", "lstm", "--hidden", "64,32"),
        Case.early("Unknown option: '--nosuch'", "train", "--nosuch"),
        Case.early("is a file, not a directory", "train", "--output", file.toString()),
        Case.early("--output needs a path, got an empty one", "train", "--output", ""),
        Case.early("cannot be created", "train", "--output", file.resolve("sub").toString()),
        Case.early("holds files chainrule did not write (notes.txt)", "train", "--output", foreign.toString()),

        Case.early("--model no/such/model.safetensors does not exist; train one first", "evaluate", "--model",
            "no/such/model.safetensors"),
        Case.early("is a directory; pass a file", "evaluate", "--model", noModel.toString()),
        Case.early("--model needs a path, got an empty one", "evaluate", "--model", ""),
        Case.early("--input needs a path, got an empty one", "predict", "--input", ""),
        Case.early("--out needs a path, got an empty one", "graph", "--out", ""),
        Case.early("--out needs a path, got an empty one", "lesson", "chain-rule", "--out", ""),
        Case.early("not a file written by chainrule train?", "evaluate", "--model", corrupt.toString()),
        Case.early("truncated", "evaluate", "--model", truncated.toString()),
        Case.early("has no 'dataset' entry in its metadata", "evaluate", "--model", plainSafetensors.toString()),
        Case.early("does not fit the model", "evaluate", "--model", wrongLayers.toString()),
        Case.early("metadata 'layers' is 'abc', expected the layer sizes", "evaluate", "--model",
            layersNotNumbers.toString()),
        Case.early("metadata 'layers' is ''", "evaluate", "--model", emptyLayers.toString()),
        Case.early("more than its", "evaluate", "--model", hugeLayers.toString()),
        Case.early("metadata 'seed' is 'forty-two', expected a whole number", "evaluate", "--model",
            badSeed.toString()),
        Case.early("has no 'seed' entry", "evaluate", "--model", noSeed.toString()),
        Case.early("metadata 'dataset' is 'mnist'", "evaluate", "--model", badDataset.toString()),
        Case.early("metadata 'activation' is 'gelu'", "evaluate", "--model", badActivation.toString()),
        Case.early("metadata 'model' is 'cnn', expected mlp for data set iris", "evaluate", "--model",
            cnnOnIris.toString()),
        Case.early("metadata 'model' is 'lstm', expected mlp for data set iris", "predict", "--model",
            lstmOnIris.toString(), "--input", c),
        Case.early("metadata 'layers' is '64,8,4,10', but an lstm's are the pixels, the hidden size and the"
            + " classes, e.g. 64,128,10", "evaluate", "--model", lstmLayers.toString()),
        Case.early("holds NaN; the file is damaged or its run diverged", "evaluate", "--model",
            nanWeight.toString()),
        Case.early("holds NaN; the file is damaged", "predict", "--model", nanWeight.toString(), "--input", c),
        Case.early("scaler.safetensors is missing beside the model", "evaluate", "--model", noScaler.toString()),
        Case.early("scaler.safetensors", "evaluate", "--model", corruptScaler.toString()),
        Case.early("'mean' and 'scale' vectors of 4 features", "evaluate", "--model", wideScaler.toString()),
        Case.early("is not positive", "evaluate", "--model", zeroScale.toString()),
        Case.early("Unknown options: '--modle'", "evaluate", "--modle", m),

        Case.early("--input no/such.csv does not exist", "predict", "--input", "no/such.csv"),
        Case.early("--input no/such.csv does not exist", "predict", "--model", m, "--input", "no/such.csv"),
        Case.early("Missing required option: '--input=CSV'", "predict", "--model", m),
        Case.early("is a directory; pass a file", "predict", "--model", m, "--input", dir.toString()),
        Case.early("does not exist", "predict", "--model", "no/such/model.safetensors", "--input", c),
        Case.early("does not fit the model", "predict", "--model", wrongLayers.toString(), "--input", c),
        Case.late("line 2, column 2: expected a number, found 'x'", "predict", "--model", m, "--input",
            malformed.toString()),
        Case.late("line 2: expected 4 columns (as on line 1), found 2", "predict", "--model", m, "--input",
            ragged.toString()),
        Case.late("has 3 columns but the model takes 4 features per row", "predict", "--model", m, "--input",
            narrow.toString()),
        Case.late("expected at least one data row", "predict", "--model", m, "--input", empty.toString()),

        Case.early("--depth must be at least 1, got 0", "graph", "--depth", "0"),
        Case.early("--max-nodes must be at least 1, got 0", "graph", "--max-nodes", "0"),
        Case.early("--collapse-depth must be at least 0, got -1", "graph", "--collapse-depth", "-1"),
        Case.early("cannot collapse 'nosuch'", "graph", "--model", "mlp", "--collapse", "nosuch"),
        Case.early("--explode: no tensor is labelled 'Q'", "graph", "--model", "matmul", "--explode", "Q"),
        Case.early("unknown model 'resnet'", "graph", "--model", "resnet"),
        Case.early("unknown format 'png'", "graph", "--format", "png"),
        Case.early("--out " + dir + " is a directory", "graph", "--out", dir.toString()),
        Case.early("cannot be written", "graph", "--out", file.resolve("graph.txt").toString()),

        Case.early("there is no lesson called 'nosuch'; the lessons are chain-rule,", "lesson", "nosuch"),
        Case.early("give a lesson NAME or --all, not both", "lesson", "--all", "chain-rule"),
        Case.early("is a file, not a directory", "lesson", "chain-rule", "--out", file.toString()),
        Case.early("Unmatched argument", "lesson", "chain-rule", "newton"),

        Case.early("--epochs must be at least 1, got 0", "bench", "train", "--epochs", "0"),
        Case.early("--threads values must be at least 1, got 1,0", "bench", "train", "--threads", "1,0"),
        Case.early("--threads needs at least one number", "bench", "train", "--threads", ","),
        Case.early("--memory must be at least 0, got -1", "bench", "train", "--memory", "-1"),
        Case.early("--model is mlp, cnn or charlm for the bench, got lstm", "bench", "train", "--model", "lstm"),
        Case.early("--steps must be at least 1, got 0", "bench", "train", "--model", "charlm", "--steps", "0"),
        Case.early("--steps is for --model charlm; the mlp bench times whole epochs", "bench", "train", "--steps",
            "5"),
        Case.early("--steps is for --model charlm; the cnn bench", "bench", "train", "--model", "cnn", "--steps",
            "5"),
        Case.early("--epochs is for --model mlp and cnn; the charlm bench times --steps", "bench", "train",
            "--model", "charlm", "--epochs", "2"),
        Case.early("--memory is for --model mlp; the charlm bench", "bench", "train", "--model", "charlm",
            "--memory", "100"),
        Case.early("Unmatched argument at index 1: 'gemm'", "bench", "gemm"),
        Case.early("Unknown option: '--fast'", "bench", "kernels", "--fast"),

        Case.early("Unknown option: '--verbose'", "example", "--verbose"),
        Case.early("Unmatched argument at index 0: 'fly'", "fly"),
        Case.early("Unknown option: '--nosuch'", "--nosuch")));
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> everyUserErrorIsOneLineAndExitCode2() throws IOException {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      CliRun result = CliRun.of(c.args());
      assertEquals(2, result.code(), result.toString());
      List<String> lines = result.err().lines().toList();
      assertEquals(1, lines.size(), "one line:\n" + result);
      String line = lines.get(0);
      String command = "chainrule" + (c.args()[0].startsWith("-") || c.args()[0].equals("fly") ? "" : " "
          + (c.args()[0].equals("bench") && c.args().length > 1 && !c.args()[1].equals("gemm")
              ? "bench " + c.args()[1] : c.args()[0]));
      assertTrue(line.startsWith(command + ": "), line);
      assertTrue(line.contains(c.fragment()), "expected '" + c.fragment() + "' in\n" + line);
      assertFalse(line.contains("Exception"), line);
      assertFalse(line.contains("at dev."), line);
      assertFalse(line.contains(".chainrule-"), "no hidden temporary name: " + line);
      if (c.beforeData()) {
        assertEquals("", result.out(), "fails before loading data or printing anything");
      }
    }));
  }

  @Test
  void aParameterErrorPointsToTheCommandsHelp() {
    CliRun result = CliRun.of("train", "--epochs", "abc");
    assertTrue(result.err().strip().endsWith("(see chainrule train --help)"), result.toString());
    CliRun unknown = CliRun.of("trian");
    assertTrue(unknown.err().contains("did you mean train?"), unknown.toString());
  }

  @Test
  void stacktraceAddsTheTraceToAUserError() {
    CliRun result = CliRun.of("train", "--epochs", "-1", "--stacktrace");
    assertEquals(2, result.code());
    List<String> lines = result.err().lines().toList();
    assertEquals("chainrule train: --epochs must be at least 1, got -1", lines.get(0));
    assertTrue(result.err().contains("UserError") && result.err().contains("at dev.chainrule"), result.toString());

    CliRun parse = CliRun.of("train", "--epochs", "abc", "--stacktrace");
    assertTrue(parse.err().lines().count() > 1 && parse.err().contains("at picocli"), parse.toString());
  }

  /** A command with a bug: an argument mistake deep in the framework, which is not the user's. */
  @Command(name = "bug")
  static final class Bug implements Callable<Integer> {
    @Override
    public Integer call() {
      Tensor.zeros(2, 3).matmul(Tensor.zeros(2, 3));
      return 0;
    }
  }

  @Test
  void aBugDeepInTheFrameworkStillShowsItsTrace() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = Main.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    cli.addSubcommand(new Bug());
    cli.setErr(cli.getErr()); // picocli gives a subcommand added later the writers only when they are set again
    int code = cli.execute("bug");
    cli.getErr().flush();
    String trace = err.toString(StandardCharsets.UTF_8);
    assertEquals(Main.EXIT_BUG, code);
    assertTrue(trace.startsWith("chainrule bug: internal error, a bug in chainrule"), trace);
    assertTrue(trace.contains("IllegalArgumentException") && trace.contains("matmul")
        && trace.contains("at dev.chainrule.autodiff"), trace);
  }

  @Test
  void theHooksInvocationsAreOneLineEach() {
    List<String[]> invocations = new ArrayList<>(List.of(new String[] {"train", "--epochs", "-1"},
        new String[] {"train", "--dataset", "nosuch"}, new String[] {"evaluate", "--model",
            "no/such/model.safetensors"}, new String[] {"predict", "--input", "no/such.csv"},
        new String[] {"lesson", "nosuch"}));
    for (String[] args : invocations) {
      CliRun result = CliRun.of(args);
      assertEquals(2, result.code(), result.toString());
      assertEquals(1, result.err().lines().count(), result.toString());
      assertEquals("", result.out(), result.toString());
    }
  }
}
