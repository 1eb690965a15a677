package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.BackwardTrace;
import dev.chainrule.autodiff.dump.GraphDump;
import dev.chainrule.autodiff.dump.ScalarGraph;
import java.util.List;

/**
 * The tensor half of the chain-rule lesson: a tiny linear layer {@code Y = X W + b} on a batch of 2 samples with
 * 3 features and 2 outputs, and the loss {@code L = 0.5 sum(Y^2)}, so {@code dL/dY = Y} and, by the chain rule
 * on matrices, {@code dL/dW = X^T dL/dY} and {@code dL/db} = the column sums of {@code dL/dY} (the bias was
 * broadcast over the rows).
 *
 * <p>The product {@code X W} is also exploded into the scalar graph it computes ({@link ScalarGraph}): twelve
 * multiplications {@code X[i,k] W[k,j]} and the additions that sum them, each with its value and gradient, so
 * that {@code dL/dW[k,j] = sum_i X[i,k] dL/dXW[i,j]}, the matrix formula written out, can be read off the
 * picture.
 */
final class LinearLayerStep {
  /** The narration, and the weight's gradient from the framework and from {@code X^T Y} by hand. */
  record Result(List<String> narration, double[] weightGrad, double[] weightHand, double[] biasGrad,
      double[] biasHand, GraphDump exploded, double[] explodedWeightGrad) {
    /** The narrated line that sends a contribution to {@code name}. */
    String stepTo(String name) {
      return narration.stream().filter(line -> line.startsWith("dL/d" + name + " (") && line.contains(" += "))
          .findFirst().orElseThrow(() -> new IllegalStateException("no step to " + name + " in " + narration));
    }
  }

  private LinearLayerStep() {}

  static Result compute() {
    double[][] x = {{1, 2, -1}, {0.5, -2, 3}};
    Tensor tx = Tensor.of(new double[] {1, 2, -1, 0.5, -2, 3}, 2, 3).named("X");
    Tensor w = Tensor.of(new double[] {0.2, -0.1, 0.4, 0.3, -0.5, 0.1}, 3, 2).named("W").requiresGrad();
    Tensor b = Tensor.of(new double[] {0.1, -0.2}).named("b").requiresGrad();
    Tensor xw = tx.matmul(w).named("XW").retainGrad();
    Tensor y = xw.add(b).named("Y");
    Tensor loss = y.square().named("Q").sum().named("S").mul(0.5).named("L");
    ScalarGraph scalars = ScalarGraph.explode(xw);
    BackwardTrace trace = BackwardTrace.record(loss::backward);
    scalars.backward(xw.grad());

    double[] yv = y.toDoubleArray();
    double[] weightHand = new double[6];
    double[] biasHand = new double[2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double dy = yv[i * 2 + j]; // dL/dY = Y
        biasHand[j] += dy;
        for (int k = 0; k < 3; k++) {
          weightHand[k * 2 + j] += x[i][k] * dy;
        }
      }
    }
    return new Result(trace.lines(), w.grad().toDoubleArray(), weightHand, b.grad().toDoubleArray(), biasHand,
        scalars.dump(), scalars.inputGrad(1).toDoubleArray());
  }
}
