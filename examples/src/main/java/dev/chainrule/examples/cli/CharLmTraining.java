package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.examples.CharLm;
import dev.chainrule.examples.CharLmLoss;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.CharCorpus;
import dev.chainrule.nn.data.CharWindows;
import dev.chainrule.nn.train.Checkpoints;
import dev.chainrule.nn.train.LineChart;
import dev.chainrule.optim.GradClip;
import dev.chainrule.optim.Optimizer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code train --model charlm}: a {@link CharLm} on Tiny Shakespeare. Each step draws {@code batch} random windows
 * of {@code length} characters from the training text ({@link CharWindows}), takes the cross-entropy of the logits
 * {@code (B T, V)} against the next characters {@code (B T)} ({@link CharLmLoss}), clips the gradients to global
 * norm {@value #CLIP_NORM} ({@link GradClip#byGlobalNorm}) and takes an optimizer step (Adam by default) at the
 * learning rate of the {@link CharLmSchedule} (by default a cosine from {@code --lr} down to a tenth of it over the
 * run's progress, by steps or by time, whichever ends it first). Every
 * {@code evalEvery} steps and at the end it measures the validation loss on the same {@value #VALIDATION_BATCHES}
 * batches of windows of the validation text, and prints it with the bits per character {@code bpc = loss / ln 2}.
 * The run directory gets the checkpoint (with the {@link CharLmSpec} as metadata), {@code history.csv} and the
 * curves {@code loss} and {@code bpc} as SVG and PNG.
 */
final class CharLmTraining {
  /** Every file a charlm run writes. */
  static final Set<String> RUN_FILES = Set.of(TrainCommand.MODEL_FILE, TrainCommand.HISTORY_FILE, "loss.svg",
      "loss.png", "bpc.svg", "bpc.png");

  static final double CLIP_NORM = 1.0;
  static final int VALIDATION_BATCHES = 10;
  private static final double LN2 = Math.log(2);
  private static final long CHART_BYTES = 256 * 1024;

  /** Sizes and schedule of a run; {@code schedule} is one of {@link CharLmSchedule#NAMES}. */
  record Settings(int embeddingDim, int hidden, int batch, int length, int steps, int evalEvery,
      OptimizerChoice optimizer, double lr, String schedule, long seed, Double minutes) {}

  private record Point(int step, double loss, double validationLoss, double lr, double seconds) {}

  private final Settings settings;
  private final PrintStream out;
  private final boolean terminal;

  CharLmTraining(Settings settings, PrintStream out, boolean terminal) {
    this.settings = settings;
    this.out = out;
    this.terminal = terminal;
  }

  /** Trains, writes the run into {@code run} and returns the exit code. */
  int run(RunDirectory run, Path target, PrintStream err, String command) {
    CharCorpus corpus = CharCorpus.tinyShakespeare();
    CharLmSpec spec = new CharLmSpec(corpus.vocabulary(), settings.embeddingDim(), settings.hidden());
    run.requireSpace(Float.BYTES * spec.parameterCount() + CHART_BYTES + 64L * settings.steps());
    Rng rng = new Rng(settings.seed());
    CharLm model = spec.build(rng.split());
    long[] train = corpus.train();
    long[] validation = corpus.validation();
    out.printf(Locale.ROOT, "tinyshakespeare: %d training, %d validation characters, %d distinct; %d parameters%n",
        train.length, validation.length, spec.vocabulary().size(), spec.parameterCount());
    CharWindows windows = new CharWindows(train, settings.batch(), settings.length(), rng.nextLong());
    List<Batch> validationBatches = CharLmLoss.fixedBatches(validation, settings.batch(), settings.length(),
        VALIDATION_BATCHES, rng.nextLong());
    Optimizer adam = settings.optimizer().create(model.parameters(), settings.lr());
    CharLmSchedule schedule = new CharLmSchedule(settings.schedule(), adam, settings.steps(), settings.minutes());
    List<Point> points = new ArrayList<>();
    long start = System.nanoTime();
    double running = Double.NaN;
    int step = 0;
    boolean last = false;
    while (!last) {
      double lr = schedule.apply(step, seconds(start));
      step++;
      Batch b = windows.next();
      adam.zeroGrad();
      Tensor l = CharLmLoss.of(model, b);
      double value = l.item();
      if (!Double.isFinite(value)) {
        err.println(command + ": training diverged at step " + step + " (the loss became " + value + "); nothing"
            + " was written to " + target + "; lower --lr");
        return Main.EXIT_DIVERGED;
      }
      l.backward();
      GradClip.byGlobalNorm(model.parameters(), CLIP_NORM);
      adam.step();
      running = Double.isNaN(running) ? value : 0.9 * running + 0.1 * value;
      last = step == settings.steps() || outOfTime(start); // decided once, so the last step is always measured
      if (step % settings.evalEvery() == 0 || last) {
        double v = CharLmLoss.mean(model, validationBatches);
        points.add(new Point(step, running, v, lr, seconds(start)));
        progress(step, running, v, lr, start, true);
      } else if (terminal) {
        progress(step, running, Double.NaN, lr, start, false);
      }
    }
    Point end = points.get(points.size() - 1);
    save(run, model, spec, points, step);
    out.printf(Locale.ROOT, "trained %d steps in %.1f s; validation loss %.4f nats/char, %.4f bits/char%n", step,
        end.seconds(), end.validationLoss(), end.validationLoss() / LN2);
    out.println("wrote " + target.resolve(TrainCommand.MODEL_FILE) + ", " + TrainCommand.HISTORY_FILE
        + ", loss.svg/png and bpc.svg/png in " + target + "; sample it with ./chainrule sample --dir " + target);
    return Main.EXIT_OK;
  }

  private boolean outOfTime(long start) {
    return settings.minutes() != null && seconds(start) >= 60 * settings.minutes();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * One progress line: a bar of the steps done, the running loss, the step's learning rate and, at a
   * measurement, the validation loss and bpc.
   */
  private void progress(int step, double running, double validation, double lr, long start, boolean measured) {
    int width = 30;
    int done = (int) ((long) width * step / settings.steps());
    String bar = "=".repeat(done) + " ".repeat(width - done);
    String measurement = measured
        ? String.format(Locale.ROOT, " val_loss %.4f val_bpc %.4f", validation, validation / LN2) : "";
    String line = String.format(Locale.ROOT, "step %d/%d [%s] loss %.4f lr %.2e%s %.1f s", step, settings.steps(),
        bar, running, lr, measurement, seconds(start));
    if (terminal) {
      out.print("\r" + line + (measured ? System.lineSeparator() : ""));
    } else {
      out.println(line);
    }
  }

  private void save(RunDirectory run, CharLm model, CharLmSpec spec, List<Point> points, int steps) {
    Path directory = run.directory();
    double[] x = points.stream().mapToDouble(Point::step).toArray();
    double[] trainLoss = points.stream().mapToDouble(Point::loss).toArray();
    double[] validationLoss = points.stream().mapToDouble(Point::validationLoss).toArray();
    StringBuilder csv = new StringBuilder("step,loss,val_loss,val_bpc,lr,seconds\n");
    for (Point p : points) {
      csv.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6g,%.6g,%.3f%n", p.step(), p.loss(), p.validationLoss(),
          p.validationLoss() / LN2, p.lr(), p.seconds()));
    }
    try {
      Map<String, String> metadata = new LinkedHashMap<>(spec.toMetadata());
      metadata.put("steps", Integer.toString(steps));
      Checkpoints.save(model, directory.resolve(TrainCommand.MODEL_FILE), metadata);
      AtomicFile.writeString(directory.resolve(TrainCommand.HISTORY_FILE), csv);
      chart("loss", "loss (nats/char)", x, trainLoss, validationLoss, directory);
      chart("bpc", "bits/char", x, scale(trainLoss), scale(validationLoss), directory);
    } catch (IOException e) {
      throw run.failed("writing the run", e);
    } catch (UncheckedIOException e) {
      throw run.failed("writing the run", e.getCause());
    }
    run.commit();
  }

  private static double[] scale(double[] nats) {
    double[] bits = new double[nats.length];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = nats[i] / LN2;
    }
    return bits;
  }

  private static void chart(String name, String yLabel, double[] x, double[] train, double[] validation,
      Path directory) {
    LineChart chart = new LineChart(name, "step", yLabel).series("train", x, train).series("validation", x,
        validation);
    chart.writeSvg(directory.resolve(name + ".svg"));
    chart.writePng(directory.resolve(name + ".png"));
  }
}
