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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chainrule train}: a multilayer perceptron, or with {@code --model cnn} a small convolutional network
 * ({@link dev.chainrule.examples.SmallCnn}) or with {@code --model lstm} a row-by-row LSTM
 * ({@link dev.chainrule.examples.RowLstm}) on a data set of images, with progress, test accuracy and the run
 * written to an output directory (checkpoint, standardiser, history CSV, training curves as SVG and PNG).
 *
 * <p>Options are checked and the output directory is probed before any data is loaded. The run's files are
 * written as one unit ({@link RunDirectory}): a previous run in the directory stays as it was until the new one
 * is complete. When the loss diverges, the command exits with {@link Main#EXIT_DIVERGED}; with
 * {@code --patience} it first saves the best epoch's weights, which early stopping restored, and the history so
 * far.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains a multilayer perceptron (or, with --model cnn, a small convolutional network; with"
        + " --model lstm, an LSTM reading each image row by row) and writes"
        + " its checkpoint, standardiser, history and training curves into the output directory, all at once when"
        + " the run has finished: a previous run there is replaced only then, and a directory holding other files"
        + " is refused."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:trained and saved", "1:an internal error (a bug; the stack trace is printed)",
        "2:a wrong option, or an output directory that cannot take the run",
        "3:the loss diverged; with --patience the best epoch's weights were saved"})
final class TrainCommand implements Callable<Integer> {
  static final String MODEL_FILE = "model.safetensors";
  static final String SCALER_FILE = "scaler.safetensors";
  static final String HISTORY_FILE = "history.csv";

  /** Every file a run writes; an output directory that holds anything else is refused rather than replaced. */
  /** The names {@code --model} accepts. */
  static final List<String> MODELS = List.of("mlp", "cnn", "lstm", CharLmSpec.MODEL);

  static final Set<String> RUN_FILES = Set.of(MODEL_FILE, SCALER_FILE, HISTORY_FILE, "loss.svg", "loss.png",
      "accuracy.svg", "accuracy.png");

  /**
   * An lstm's defaults on Fashion-MNIST, measured on 2 cores: 2 epochs of batch 128 at Adam's lr 4e-3 reach 86.5%
   * test accuracy in about 90 s (batch 64 gives 86.8% but takes longer per epoch; one epoch at the rates tried stayed
   * under 85%). The gradient's norm is clipped at 1, as is usual for recurrent networks, so that the high rate
   * cannot blow a step up.
   */
  private static final int LSTM_FASHION_EPOCHS = 2;

  private static final int LSTM_FASHION_BATCH = 128;

  private static final double LSTM_LR = 4e-3;

  private static final double LSTM_CLIP_NORM = 1;

  /**
   * A charlm's base learning rate, the start of its cosine schedule: measured on 2 cores (AMD EPYC, AVX-512, JDK
   * 17), {@code --minutes 4} from it reaches a validation loss under 1.6 nats/char (docs/lessons/rnn.md).
   */
  private static final double CHARLM_LR = 1e-2;

  /** Room for the four charts, beside the model and scaler (those of a 30-epoch run take about 30 KiB). */
  private static final long CHART_BYTES = 256 * 1024;

  /** Room per epoch for its row of the history and its points in the charts. */
  private static final long EPOCH_BYTES = 512;

  @Option(names = "--dataset", defaultValue = "digits", converter = Choices.Dataset.class,
      description = "One of: digits, iris, breast-cancer, fashion-mnist (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--model", defaultValue = "mlp", converter = Choices.Model.class, description = "mlp, cnn"
      + " (two 3x3 convolutions with 2x2 max pooling, then the hidden layers; digits and fashion-mnist only), lstm"
      + " (each image's rows as the steps of a sequence into an LSTM, its last hidden state into a linear layer to"
      + " the classes; digits and fashion-mnist only; --activation is not used), or"
      + " charlm (a character-level LSTM language model on Tiny Shakespeare; --dataset is not used, it trains"
      + " --steps steps or until --minutes are up) (default: ${DEFAULT-VALUE}).")
  String network;

  @Option(names = "--hidden", split = ",", paramLabel = "SIZES", description = "Hidden layer sizes, e.g. 256,128"
      + " (default: 64 for the small sets, 256,128 for fashion-mnist; 128 after a cnn's convolutions; one size,"
      + " the LSTM units: 128 for an lstm, 256 for a charlm).")
  int[] hidden;

  @Option(names = "--activation", defaultValue = "relu", converter = Choices.Activation.class,
      description = "One of: relu, tanh, sigmoid, leaky-relu (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--optimizer", defaultValue = "adam", converter = Choices.Optimizer.class,
      description = "sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
  OptimizerChoice optimizer;

  @Option(names = "--lr", description = "Learning rate, a positive number (default: 0.001; 0.004 for an lstm, whose"
      + " gradient norm is clipped at 1; 0.01 for a charlm, the start of its --schedule).")
  Double learningRate;

  @Option(names = "--schedule", converter = Choices.Schedule.class, description = "charlm: the learning rate over"
      + " the run, cosine (from --lr down to --lr/10: lr/10 + 0.9 lr (1 + cos(pi p)) / 2 at the progress"
      + " p = max(steps done / --steps, minutes trained / --minutes), so that it ends at --lr/10 whichever of"
      + " --steps and --minutes ends the run) or constant (--lr throughout) (default: cosine).")
  String schedule;

  @Option(names = "--epochs", description = "Epochs, at least 1 (default: 30 for the small sets, 5 for"
      + " fashion-mnist, 10 for a cnn on it, 2 for an lstm on it).")
  Integer epochs;

  @Option(names = "--batch-size", description = "Samples per step, at least 1 (default: 32 for the small sets, 128"
      + " for fashion-mnist and an lstm on it, 64 for a cnn on it; 32 windows for a charlm).")
  Integer batchSize;

  @Option(names = "--steps", description = "charlm: training steps, at least 1 (default: 5000).")
  Integer steps;

  @Option(names = "--sequence-length", description = "charlm: characters per window, at least 1 (default: 64).")
  Integer sequenceLength;

  @Option(names = "--embedding", description = "charlm: embedding size, at least 1 (default: 64).")
  Integer embedding;

  @Option(names = "--eval-every", description = "charlm: steps between validation measurements, at least 1"
      + " (default: 100).")
  Integer evalEvery;

  @Option(names = "--minutes", description = "charlm: stop after this many minutes of training, a positive number;"
      + " the cosine --schedule then runs over this time unless --steps end the run first (default: no limit;"
      + " --minutes 4 reaches a validation loss under 1.6 nats/char on 2 cores).")
  Double minutes;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, initialisation and shuffling"
      + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--patience", description = "Stop early when the validation loss has not improved for this many"
      + " epochs (at least 1), and save the best epoch's weights, also when the loss diverges (default: off).")
  Integer patience;

  @Option(names = "--threads", description = "Threads for the matrix products, at least 1 (default: all cores).")
  Integer threads;

  @Option(names = "--output", paramLabel = "DIR", description = "Directory for the results, created if missing;"
      + " a previous run in it is replaced when this one has finished (default: out/<dataset>).")
  Path output;

  @ParentCommand
  Main main;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    OptionChecks.atLeast("--epochs", epochs, 1);
    OptionChecks.atLeast("--batch-size", batchSize, 1);
    if (learningRate != null) {
      OptionChecks.positiveFinite("--lr", learningRate);
    }
    OptionChecks.sizes("--hidden", hidden, "64 or --hidden 256,128");
    OptionChecks.atLeast("--patience", patience, 1);
    OptionChecks.atLeast("--threads", threads, 1);
    if (network.equals(CharLmSpec.MODEL)) {
      return trainCharLm();
    }
    for (Object charLmOnly : new Object[] {steps, sequenceLength, embedding, evalEvery, minutes, schedule}) {
      if (charLmOnly != null) {
        throw UserError.of("--steps, --sequence-length, --embedding, --eval-every, --minutes and --schedule are for"
            + " --model charlm; --model %s trains --epochs", network);
      }
    }
    boolean cnn = network.equals("cnn");
    boolean lstm = network.equals("lstm");
    if ((cnn || lstm) && !ModelSpec.hasImages(dataset)) {
      throw UserError.of("--model %s needs images, and data set %s has none; use --dataset digits or"
          + " fashion-mnist, or --model mlp", network, dataset);
    }
    if (lstm && hidden != null && hidden.length != 1) {
      throw UserError.of("--hidden of an lstm is one size, the LSTM units, e.g. --hidden 128; got %d sizes",
          hidden.length);
    }
    boolean fashion = dataset.equals("fashion-mnist");
    int[] hiddenSizes = hidden != null ? hidden : cnn || lstm ? new int[] {128} : fashion ? new int[] {256, 128}
        : new int[] {64};
    int epochCount = epochs != null ? epochs : fashion ? cnn ? 10 : lstm ? LSTM_FASHION_EPOCHS : 5 : 30;
    int batch = batchSize != null ? batchSize : fashion ? cnn ? 64 : lstm ? LSTM_FASHION_BATCH : 128 : 32;
    Path out = output != null ? output : Path.of("out", dataset);
    try (RunDirectory run = RunDirectory.prepare("--output", out, RUN_FILES, main.out())) {
      if (threads != null) {
        Parallelism.setThreads(threads);
      }
      return train(run, out, hiddenSizes, epochCount, batch);
    }
  }

  /** {@code --model charlm}: its own options checked, then {@link CharLmTraining}. */
  private int trainCharLm() {
    OptionChecks.atLeast("--steps", steps, 1);
    OptionChecks.atLeast("--sequence-length", sequenceLength, 1);
    OptionChecks.atLeast("--embedding", embedding, 1);
    OptionChecks.atLeast("--eval-every", evalEvery, 1);
    if (minutes != null) {
      OptionChecks.positiveFinite("--minutes", minutes);
    }
    if (hidden != null && hidden.length != 1) {
      throw UserError.of("--hidden of a charlm is one size, the LSTM units, e.g. --hidden 256; got %d sizes",
          hidden.length);
    }
    if (epochs != null || patience != null) {
      throw UserError.of("--model charlm trains --steps steps; --epochs and --patience are for mlp and cnn");
    }
    CharLmTraining.Settings settings = new CharLmTraining.Settings(embedding != null ? embedding : 64,
        hidden != null ? hidden[0] : 256, batchSize != null ? batchSize : 32,
        sequenceLength != null ? sequenceLength : 64, steps != null ? steps : 5000,
        evalEvery != null ? evalEvery : 100, optimizer, learningRate != null ? learningRate : CHARLM_LR,
        schedule != null ? schedule : CharLmSchedule.NAMES.get(0), seed, minutes);
    Path out = output != null ? output : Path.of("out", CharLmSpec.MODEL);
    try (RunDirectory run = RunDirectory.prepare("--output", out, CharLmTraining.RUN_FILES, main.out())) {
      if (threads != null) {
        Parallelism.setThreads(threads);
      }
      return new CharLmTraining(settings, main.out(), System.console() != null).run(run, out, main.err(),
          spec.qualifiedName());
    }
  }

  private int train(RunDirectory run, Path out, int[] hiddenSizes, int epochCount, int batch) {
    PreparedData data = PreparedData.load(dataset, seed);
    int[] layers = IntStream.concat(IntStream.concat(IntStream.of(data.features()), Arrays.stream(hiddenSizes)),
        IntStream.of(data.classes())).toArray();
    ModelSpec modelSpec = new ModelSpec(dataset, network, layers, activation, seed);
    Sequential model = modelSpec.build(new Rng(seed).split());
    main.out().printf(Locale.ROOT, "%s: %d training, %d validation, %d test samples; %d features, %d classes%n",
        modelSpec.dataset(), data.train().size(), data.validation().size(), data.test().size(), data.features(),
        data.classes());
    main.out().println(model.summary(1, data.features()));
    long parameters = modelSpec.parameterCount();
    run.requireSpace(Float.BYTES * (parameters + 2L * data.features()) + CHART_BYTES + EPOCH_BYTES * epochCount);

    List<Callback> callbacks = new ArrayList<>(List.of(new ProgressBar(main.out(), System.console() != null)));
    EarlyStopping stopping = null;
    if (patience != null) {
      stopping = EarlyStopping.builder().patience(patience).restoreBestWeights(true).build();
      callbacks.add(stopping);
    }
    EndOfRun end = new EndOfRun();
    callbacks.add(end);
    boolean lstm = network.equals("lstm");
    Trainer.Builder builder = Trainer.builder(model, new CrossEntropyLoss(), optimizer.create(model.parameters(),
            learningRate != null ? learningRate : lstm ? LSTM_LR : 1e-3))
        .epochs(epochCount).metrics(Accuracy.multiclass()).callbacks(callbacks.toArray(Callback[]::new));
    if (lstm) {
      builder.clipGradNorm(LSTM_CLIP_NORM);
    }
    Trainer trainer = builder.build();
    long start = System.nanoTime();
    History history;
    try {
      history = trainer.fit(DataLoader.builder(data.train()).batchSize(batch).shuffle(seed).build(),
          DataLoader.builder(data.validation()).batchSize(512).build());
    } catch (RuntimeException e) {
      if (!end.ended()) {
        throw e; // not the end of a diverged run: a bug
      }
      return diverged(run, out, modelSpec, model, data, end.history(), stopping, e.getMessage());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Evaluation test = trainer.evaluate(DataLoader.builder(data.test()).batchSize(512).build());
    int weightsEpoch = stopping != null && stopping.bestEpoch() > 0 ? stopping.bestEpoch() : history.size();
    save(run, modelSpec, model, data, history, weightsEpoch);
    main.out().printf(Locale.ROOT, "trained %d epochs in %.1f s; test loss %.4f, test accuracy %.2f%%%n",
        history.size(), seconds, test.loss(), 100 * test.metric("accuracy"));
    main.out().println("wrote " + out.resolve(MODEL_FILE) + " (the weights of epoch " + weightsEpoch + "), "
        + SCALER_FILE + ", " + HISTORY_FILE + ", loss.svg/png and accuracy.svg/png in " + out);
    return Main.EXIT_OK;
  }

  /**
   * The run diverged at the epoch after the history's last ({@code reason} is the trainer's message): saves it
   * when early stopping restored the weights of an epoch, and says in one line what happened and what was
   * written.
   */
  private int diverged(RunDirectory run, Path out, ModelSpec modelSpec, Sequential model, PreparedData data,
      History history, EarlyStopping stopping, String reason) {
    String cause = reason == null ? "the loss became NaN or infinite" : reason.strip().replaceAll("\\s*\\R\\s*", " ");
    String what = spec.qualifiedName() + ": training diverged at epoch " + (history.size() + 1) + " (" + cause + ")";
    if (stopping == null || stopping.bestEpoch() == 0) {
      main.err().println(what + "; nothing was written to " + out + (stopping == null
          ? "; lower --lr, or add --patience N to save the best epoch's weights when this happens" : "; lower --lr"));
    } else {
      save(run, modelSpec, model, data, history, stopping.bestEpoch());
      String epochs = history.size() == 1 ? "epoch 1" : "epochs 1-" + history.size();
      main.err().println(what + "; wrote the weights of epoch " + stopping.bestEpoch() + ", the best by validation"
          + " loss, and the history of " + epochs + " to " + out + "; lower --lr to train further");
    }
    return Main.EXIT_DIVERGED;
  }

  /** Writes the run's files and swaps them in; the model's metadata names the epoch its weights are from. */
  static void save(RunDirectory run, ModelSpec modelSpec, Sequential model, PreparedData data,
      History history, int weightsEpoch) {
    Map<String, String> metadata = new LinkedHashMap<>(modelSpec.toMetadata());
    metadata.put("epoch", Integer.toString(weightsEpoch));
    Path directory = run.directory();
    try {
      Checkpoints.save(model, directory.resolve(MODEL_FILE), metadata);
      SafeTensors.save(directory.resolve(SCALER_FILE), Map.of("mean", data.scaler().mean(), "scale",
          data.scaler().scale()));
      history.writeCsv(directory.resolve(HISTORY_FILE));
      history.plot(directory);
    } catch (IOException e) {
      throw run.failed("writing the run", e);
    } catch (UncheckedIOException e) {
      throw run.failed("writing the run", e.getCause());
    }
    run.commit();
  }
}
