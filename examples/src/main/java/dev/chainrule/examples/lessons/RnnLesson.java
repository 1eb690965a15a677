package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.GraphScope;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.BackwardTrace;
import dev.chainrule.autodiff.dump.GraphDump;
import dev.chainrule.nn.layers.recurrent.LSTM;
import dev.chainrule.nn.layers.recurrent.Nonlinearity;
import dev.chainrule.nn.layers.recurrent.RNN;
import dev.chainrule.nn.layers.recurrent.RNNCell;
import dev.chainrule.nn.layers.recurrent.RecurrentOptions;
import dev.chainrule.nn.train.LineChart;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 14: a recurrent network is one cell applied at every time step with the same weights, so unrolled in
 * time it is an ordinary graph (drawn for four steps, one cluster per step) and backpropagation through time is the
 * ordinary backward walk over it (narrated). Then why plain RNNs forget: the gradient of the loss at the last step
 * with respect to the input at step {@code t} is a product of one Jacobian per step in between, and for a tanh RNN
 * it shrinks geometrically, while an LSTM's additive cell state {@code c_t = f_t * c_{t-1} + i_t * g_t} carries it
 * across, at the rate of its forget gate. Last, a character-level LSTM language model ({@link CharLmProgress})
 * samples text after 0, 200 and 2,000 training steps, with its validation loss at each.
 */
public final class RnnLesson implements Lesson {
  /** Steps of the unrolled picture. */
  static final int UNROLLED = 4;
  /** Steps of the vanishing-gradient measurement. */
  static final int STEPS = 50;
  static final int HIDDEN = 16;
  /**
   * The LSTM's forget-gate bias in the measurement: {@code sigmoid(3) = 0.95}, so the cell state keeps 95% of
   * itself per step; a common initialisation for long memories (PyTorch's default bias is near 0, a gate near 0.5).
   */
  static final double FORGET_BIAS = 3;
  private static final long SEED = 14;
  /** The training steps after which the character model is measured and sampled. */
  static final int[] CHECKPOINTS = {0, 200, 2000};

  /**
   * What the lesson shows: the unrolled graph and its narration, the gradient norm per input step, and the
   * character model at each checkpoint.
   */
  record Result(GraphDump graph, List<String> narration, double[] rnnNorms, double[] lstmNorms,
      CharLmProgress.Run charModel) {}

  @Override
  public String name() {
    return "rnn";
  }

  @Override
  public String title() {
    return "Recurrent networks and backpropagation through time";
  }

  @Override
  public String summary() {
    return "An RNN unrolled in time as a graph, backpropagation through time narrated step by step, vanishing"
        + " gradients measured for a tanh RNN against an LSTM, and a character LSTM learning to write.";
  }

  /** The lesson's results, the character model sampled at {@link #CHECKPOINTS}. */
  static Result compute() {
    return compute(CHECKPOINTS);
  }

  /** The lesson's results with the character model sampled after each of {@code charModelSteps}. */
  static Result compute(int... charModelSteps) {
    GraphDump graph;
    List<String> narration;
    double[] rnnNorms;
    double[] lstmNorms;
    try (var f64 = DType.defaultScope(DType.FLOAT64)) {
      Rng rng = new Rng(SEED);
      RNNCell cell = new RNNCell(1, 2, rng);
      Tensor h = Tensor.zeros(1, 2).named("h0");
      for (int t = 1; t <= UNROLLED; t++) {
        Tensor x = Tensor.of(new double[] {0.5 * t - 1}, 1, 1).named("x" + t);
        try (var step = GraphScope.enter("t=" + t)) {
          h = cell.call(x, h).named("h" + t);
        }
      }
      Tensor loss = h.sum().named("L");
      graph = GraphDump.of(loss);
      narration = BackwardTrace.record(loss::backward).lines();
      rnnNorms = gradientNorms(false);
      lstmNorms = gradientNorms(true);
    }
    // in float32, the default, for speed: the measurements above are in float64 for their tiny values
    return new Result(graph, narration, rnnNorms, lstmNorms, CharLmProgress.train(charModelSteps));
  }

  /**
   * {@code ||dL/dx_t||} for {@code t = 1..STEPS}, where {@code L} is the sum of the last step's hidden state of a
   * one-layer network (tanh RNN, or LSTM with {@link #FORGET_BIAS}) over a random sequence of one feature.
   */
  static double[] gradientNorms(boolean lstm) {
    Rng rng = new Rng(SEED + 1);
    Tensor x = Tensor.uniform(rng, -1, 1, STEPS, 1, 1).requiresGrad();
    RecurrentOptions options = RecurrentOptions.of(1, HIDDEN);
    Tensor output;
    if (lstm) {
      LSTM layer = new LSTM(options, rng);
      try (var off = GradMode.off()) {
        for (String name : List.of("bias_ih_l0", "bias_hh_l0")) {
          Tensor bias = layer.stateDict().get(name);
          double[] values = bias.toDoubleArray();
          for (int j = HIDDEN; j < 2 * HIDDEN; j++) {
            values[j] = FORGET_BIAS / 2; // gate order i, f, g, o: the second block is the forget gate
          }
          bias.copyFrom(Tensor.of(values));
        }
      }
      output = layer.forward(x);
    } else {
      output = new RNN(options, Nonlinearity.TANH, rng).forward(x);
    }
    output.select(0, STEPS - 1).sum().backward();
    double[] g = x.grad().toDoubleArray();
    double[] norms = new double[STEPS];
    for (int t = 0; t < STEPS; t++) {
      norms[t] = Math.abs(g[t]);
    }
    return norms;
  }

  @Override
  public void run(LessonContext context) throws IOException {
    Result r = compute();
    PrintStream out = context.out();
    out.println("An RNN cell h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) applied " + UNROLLED + " times with the"
        + " same weights:");
    out.println("unrolled, it is one graph; every step's nodes are drawn in a cluster t=1..t=" + UNROLLED + ".");
    context.graph("rnn-unrolled", r.graph());
    out.println();
    out.println("Backpropagation through time is the ordinary backward walk over the unrolled graph. The weights");
    out.println("are used at every step, so their gradient is the sum of one contribution per step:");
    for (String line : r.narration()) {
      out.println("  " + line);
    }
    out.println();
    out.printf(Locale.ROOT, "Vanishing gradients: |dL/dx_t| of L = sum(h_%d), %d hidden units, one input feature%n",
        STEPS, HIDDEN);
    out.printf(Locale.ROOT, "%6s %14s %14s%n", "step t", "tanh RNN", "LSTM");
    for (int t = 0; t < STEPS; t += 7) {
      out.printf(Locale.ROOT, "%6d %14.3e %14.3e%n", t + 1, r.rnnNorms()[t], r.lstmNorms()[t]);
    }
    out.printf(Locale.ROOT, "From the last step to the first the RNN's gradient falls by %.1e, the LSTM's by %.1e.%n",
        r.rnnNorms()[STEPS - 1] / r.rnnNorms()[0], r.lstmNorms()[STEPS - 1] / r.lstmNorms()[0]);
    double[] steps = new double[STEPS];
    for (int t = 0; t < STEPS; t++) {
      steps[t] = t + 1;
    }
    new LineChart("Gradient reaching the input at step t", "step t", "|dL/dx_t|")
        .series("tanh RNN", steps, r.rnnNorms())
        .series("LSTM (forget bias " + (int) FORGET_BIAS + ")", steps, r.lstmNorms())
        .logY()
        .writeSvg(context.file("vanishing-gradients.svg"));
    out.println();
    printCharModel(out, r.charModel());
  }

  /** The character model's snapshots: loss, share of real words and the sample, whose lines are indented. */
  private static void printCharModel(PrintStream out, CharLmProgress.Run run) {
    int v = run.vocabulary();
    out.printf(Locale.ROOT, "A character model learns to write: Embedding(%d, %d) -> LSTM(%d, %d) -> Linear(%d, %d),"
        + " %,d parameters,%n", v, CharLmProgress.EMBEDDING, CharLmProgress.EMBEDDING, CharLmProgress.HIDDEN,
        CharLmProgress.HIDDEN, v, run.parameters());
    out.printf(Locale.ROOT, "trained with Adam (lr %s) on Tiny Shakespeare, %d random windows of %d characters per"
        + " step.%n", CharLmProgress.LEARNING_RATE, CharLmProgress.BATCH, CharLmProgress.LENGTH);
    out.printf(Locale.ROOT, "Validation loss in nats/char (uniform guessing over %d characters scores ln %d = %.3f);"
        + " then %d%n", v, v, Math.log(v), CharLmProgress.SAMPLE_LENGTH);
    out.printf(Locale.ROOT, "characters sampled after \"%s\" (temperature %s, the same seed each time), and the"
        + " share of its%n", CharLmProgress.PRIME, CharLmProgress.TEMPERATURE);
    out.println("words that occur in the training text:");
    for (CharLmProgress.Snapshot snapshot : run.snapshots()) {
      out.println();
      out.printf(Locale.ROOT, "After %,d steps (%.1f s of training): validation loss %.3f nats/char, %.0f%% real"
          + " words%n", snapshot.step(), snapshot.seconds(), snapshot.validationLoss(),
          100 * run.wordShare(snapshot.sample()));
      for (String line : (CharLmProgress.PRIME + snapshot.sample()).split("\n", -1)) {
        out.println("  | " + line);
      }
    }
  }
}
