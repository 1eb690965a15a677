package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.examples.ChainRuleExample;
import dev.chainrule.examples.lessons.ScalarExpression;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The small built-in graphs {@code chainrule graph --model} draws; each builds its loss afresh, seeded. */
enum GraphModel {
  /** The one-sample logistic regression of {@code chainrule example}. */
  LOGISTIC("logistic regression on one sample (the graph of ./chainrule example)") {
    @Override
    Tensor loss() {
      return ChainRuleExample.loss();
    }
  },

  /**
   * A 2-layer perceptron, 4 features to 3 tanh units to 3 classes, on a mini-batch of 4 iris flowers (one of
   * each species and a second setosa), with the mean cross-entropy as loss. Weights from {@link Rng} seed 7.
   * Its layers run through {@code Module.call}, so the dump groups their ops into the clusters
   * {@code hidden (Linear)} and {@code output (Linear)} inside {@code Mlp}.
   */
  MLP("a 2-layer perceptron (4-3-3, tanh) on a mini-batch of 4 iris flowers, cross-entropy loss") {
    @Override
    Tensor loss() {
      TensorDataset iris = Datasets.iris();
      int[] rows = {0, 50, 100, 1};
      Tensor x = iris.features().indexSelect(0, rows).named("X");
      Tensor labels = iris.labels().indexSelect(0, rows).named("y");
      Tensor logits = new Mlp(new Rng(7)).call(x).named("Z2");
      return new CrossEntropyLoss().apply(logits, labels).named("L");
    }
  },

  /** A 2x3 by 3x2 matrix product {@code Y = A B} with {@code L = sum(Y^2) / 2}: the op to explode into scalars. */
  MATMUL("a 2x3 by 3x2 matrix product Y = A @ B, loss sum(Y^2) / 2 (try --explode Y)") {
    @Override
    Tensor loss() {
      Tensor a = Tensor.of(new double[][] {{1, 2, 0}, {-1, 0.5, 3}}).named("A").requiresGrad();
      Tensor b = Tensor.of(new double[][] {{0.5, -1}, {2, 1}, {-0.5, 0.25}}).named("B").requiresGrad();
      Tensor y = a.matmul(b).named("Y");
      return y.mul(y).sum().mul(0.5).named("L");
    }
  },

  /** The scalar expression of the chain-rule lesson, with a value used twice. */
  EXPRESSION("a scalar expression with a value used twice (the graph of ./chainrule lesson chain-rule)") {
    @Override
    Tensor loss() {
      return ScalarExpression.build().loss();
    }
  };

  private final String description;

  GraphModel(String description) {
    this.description = description;
  }

  /** The graph's root, ready for backward. */
  abstract Tensor loss();

  /** The name on the command line, e.g. {@code logistic}. */
  String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  String description() {
    return description;
  }

  /** The perceptron of {@link #MLP}, as a module of two named layers so that its dump has clusters. */
  private static final class Mlp extends Module {
    private final Linear hidden;
    private final Linear output;

    Mlp(Rng rng) {
      hidden = registerModule("hidden", new Linear(4, 3, rng));
      output = registerModule("output", new Linear(3, 3, rng));
      hidden.weight().named("W1");
      hidden.bias().named("b1");
      output.weight().named("W2");
      output.bias().named("b2");
    }

    @Override
    public Tensor forward(Tensor x) {
      Tensor h = hidden.call(x).named("Z1").tanh().named("H");
      return output.call(h);
    }
  }

  /** {@code logistic, mlp, matmul, expression}. */
  static String optionNames() {
    return Arrays.stream(values()).map(GraphModel::optionName).collect(Collectors.joining(", "));
  }
}
