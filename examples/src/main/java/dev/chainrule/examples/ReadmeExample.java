package dev.chainrule.examples;

import dev.chainrule.autodiff.Tensor;

/**
 * The fifteen-line example of README.md, verbatim between the markers; {@code ReadmeExampleTest} checks that
 * the two stay identical and that the printed numbers are right.
 */
public final class ReadmeExample {
  private ReadmeExample() {}

  public static void main(String[] args) {
    // README-BEGIN
    Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});      // 3 samples, 2 features
    Tensor y = Tensor.of(new double[] {1, 0, 1});                        // labels
    Tensor w = Tensor.of(new double[] {0.1, -0.2}).requiresGrad();       // parameters
    Tensor b = Tensor.of(new double[] {0.0}).requiresGrad();

    Tensor a = x.matmul(w).add(b).sigmoid();                              // forward: every op is recorded
    Tensor loss = a.sub(y).pow(2).mean();                                 // mean squared error

    loss.backward();                                                      // one right-to-left walk

    System.out.println(loss);                                             // tensor(0.3063, ...)
    System.out.println(w.grad());                                         // dL/dw, shape (2,)
    System.out.println(b.grad());                                         // dL/db, shape (1,)
    // README-END
  }
}
