package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.examples.ChainRuleExample;
import dev.chainrule.examples.lessons.ScalarExpression;
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
   */
  MLP("a 2-layer perceptron (4-3-3, tanh) on a mini-batch of 4 iris flowers, cross-entropy loss") {
    @Override
    Tensor loss() {
      TensorDataset iris = Datasets.iris();
      int[] rows = {0, 50, 100, 1};
      Tensor x = iris.features().indexSelect(0, rows).named("X");
      Tensor labels = iris.labels().indexSelect(0, rows).named("y");
      Rng rng = new Rng(7);
      Linear hidden = new Linear(4, 3, rng);
      Linear output = new Linear(3, 3, rng);
      hidden.weight().named("W1");
      hidden.bias().named("b1");
      output.weight().named("W2");
      output.bias().named("b2");
      Tensor h = hidden.forward(x).named("Z1").tanh().named("H");
      Tensor logits = output.forward(h).named("Z2");
      return new CrossEntropyLoss().apply(logits, labels).named("L");
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

  /** {@code logistic, mlp, expression}. */
  static String optionNames() {
    return Arrays.stream(values()).map(GraphModel::optionName).collect(Collectors.joining(", "));
  }
}
