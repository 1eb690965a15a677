package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.autodiff.kernel.Parallelism;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.train.Accuracy;
import dev.chainrule.nn.train.Callback;
import dev.chainrule.nn.train.Checkpoints;
import dev.chainrule.nn.train.EarlyStopping;
import dev.chainrule.nn.train.Evaluation;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.ProgressBar;
import dev.chainrule.nn.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chainrule train}: a multilayer perceptron on a data set, with progress, test accuracy and the run written
 * to an output directory (checkpoint, standardiser, history CSV, training curves as SVG and PNG).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a multilayer perceptron and writes its checkpoint, history and training curves.")
final class TrainCommand implements Callable<Integer> {
  static final String MODEL_FILE = "model.safetensors";
  static final String SCALER_FILE = "scaler.safetensors";

  @Option(names = "--dataset", defaultValue = "digits", description = "One of: " + PreparedData.NAMES
      + " (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--hidden", split = ",", description = "Hidden layer sizes, e.g. 256,128 (default: 64 for the"
      + " small sets, 256,128 for fashion-mnist).")
  int[] hidden;

  @Option(names = "--activation", defaultValue = "relu", description = "One of: " + ModelSpec.ACTIVATIONS
      + " (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--optimizer", defaultValue = "adam", converter = OptimizerConverter.class,
      description = "sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
  OptimizerChoice optimizer;

  @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--epochs", description = "Epochs (default: 30 for the small sets, 5 for fashion-mnist).")
  Integer epochs;

  @Option(names = "--batch-size", description = "Samples per step (default: 32 for the small sets, 128 for"
      + " fashion-mnist).")
  Integer batchSize;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, initialisation and shuffling"
      + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--patience", description = "Stop early when the validation loss has not improved for this many"
      + " epochs, restoring the best weights (default: off).")
  Integer patience;

  @Option(names = "--threads", description = "Threads for the matrix products (default: all cores).")
  Integer threads;

  @Option(names = "--output", description = "Directory for the results (default: out/<dataset>).")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (threads != null) {
      Parallelism.setThreads(threads);
    }
    boolean fashion = dataset.equalsIgnoreCase("fashion-mnist");
    int[] hiddenSizes = hidden != null ? hidden : fashion ? new int[] {256, 128} : new int[] {64};
    int epochCount = epochs != null ? epochs : fashion ? 5 : 30;
    int batch = batchSize != null ? batchSize : fashion ? 128 : 32;
    Path out = output != null ? output : Path.of("out", dataset.toLowerCase(Locale.ROOT));
    Files.createDirectories(out);

    PreparedData data = PreparedData.load(dataset, seed);
    int[] layers = IntStream.concat(IntStream.concat(IntStream.of(data.features()), Arrays.stream(hiddenSizes)),
        IntStream.of(data.classes())).toArray();
    ModelSpec spec = new ModelSpec(dataset.toLowerCase(Locale.ROOT), layers, activation, seed);
    Rng rng = new Rng(seed).split();
    Sequential model = spec.build(rng);
    System.out.printf(Locale.ROOT, "%s: %d training, %d validation, %d test samples; %d features, %d classes%n",
        spec.dataset(), data.train().size(), data.validation().size(), data.test().size(), data.features(),
        data.classes());
    System.out.println(model.summary(1, data.features()));

    List<Callback> callbacks = new ArrayList<>(List.of(new ProgressBar()));
    if (patience != null) {
      callbacks.add(EarlyStopping.builder().patience(patience).restoreBestWeights(true).build());
    }
    Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), optimizer.create(model.parameters(), learningRate))
        .epochs(epochCount).metrics(Accuracy.multiclass()).callbacks(callbacks.toArray(Callback[]::new)).build();
    long start = System.nanoTime();
    History history = trainer.fit(DataLoader.builder(data.train()).batchSize(batch).shuffle(seed).build(),
        DataLoader.builder(data.validation()).batchSize(512).build());
    double seconds = (System.nanoTime() - start) / 1e9;
    Evaluation test = trainer.evaluate(DataLoader.builder(data.test()).batchSize(512).build());

    Checkpoints.save(model, out.resolve(MODEL_FILE), spec.toMetadata());
    SafeTensors.save(out.resolve(SCALER_FILE), Map.of("mean", data.scaler().mean(), "scale", data.scaler().scale()));
    history.writeCsv(out.resolve("history.csv"));
    history.plot(out);
    System.out.printf(Locale.ROOT, "trained %d epochs in %.1f s; test loss %.4f, test accuracy %.2f%%%n",
        history.size(), seconds, test.loss(), 100 * test.metric("accuracy"));
    System.out.println("wrote " + out.resolve(MODEL_FILE) + ", " + SCALER_FILE + ", history.csv, loss.svg/png and"
        + " accuracy.svg/png in " + out);
    return 0;
  }

  /** Loads what {@code train} wrote into {@code directory}: the rebuilt model, its spec and its data. */
  static Loaded load(Path modelFile) throws Exception {
    Map<String, String> metadata = SafeTensors.readMetadata(modelFile);
    ModelSpec spec = ModelSpec.fromMetadata(metadata);
    Sequential model = spec.build(new Rng(0));
    Checkpoints.load(model, modelFile);
    Map<String, Tensor> scaler = SafeTensors.load(modelFile.resolveSibling(SCALER_FILE));
    return new Loaded(spec, model, dev.chainrule.nn.data.Standardizer.of(scaler.get("mean"), scaler.get("scale")));
  }

  record Loaded(ModelSpec spec, Sequential model, dev.chainrule.nn.data.Standardizer scaler) {}

  /** Accepts optimizer names in any case. */
  static final class OptimizerConverter implements picocli.CommandLine.ITypeConverter<OptimizerChoice> {
    @Override
    public OptimizerChoice convert(String value) {
      return OptimizerChoice.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }
}
