package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.optim.Adadelta;
import dev.chainrule.optim.Adagrad;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.AdamW;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.RMSprop;
import dev.chainrule.optim.SGD;
import java.util.List;
import java.util.Locale;

/** The optimizers {@code --optimizer} names, each with the learning rate {@code --lr}. */
enum OptimizerChoice {
  SGD, MOMENTUM, NESTEROV, ADAGRAD, ADADELTA, RMSPROP, ADAM, ADAMW;

  /** The name {@code --optimizer} takes, e.g. {@code adamw}. */
  String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  Optimizer create(List<Tensor> parameters, double lr) {
    return switch (this) {
      case SGD -> new SGD(parameters, lr);
      case MOMENTUM -> dev.chainrule.optim.SGD.builder(parameters).learningRate(lr).momentum(0.9).build();
      case NESTEROV -> dev.chainrule.optim.SGD.builder(parameters).learningRate(lr).momentum(0.9).nesterov(true)
          .build();
      case ADAGRAD -> Adagrad.builder(parameters).learningRate(lr).build();
      case ADADELTA -> Adadelta.builder(parameters).learningRate(lr).build();
      case RMSPROP -> new RMSprop(parameters, lr);
      case ADAM -> new Adam(parameters, lr);
      case ADAMW -> new AdamW(parameters, lr);
    };
  }
}
