package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheckException;
import java.util.function.UnaryOperator;

/**
 * The gradient-checking lesson's kinks: relu at 0 and abs just beside 0, where the function has no derivative
 * and the central difference averages the two one-sided slopes. At a kink with slopes {@code s-} and
 * {@code s+} at distance {@code r eps} from {@code x} ({@code 0 <= r <= 1}),
 *
 * <pre>
 *   (f(x + eps) - f(x - eps)) / (2 eps) = s+ (1 + r) / 2 + s- (1 - r) / 2,
 * </pre>
 *
 * which is {@code 0.5} for relu at 0 (slopes 0 and 1) and {@code 0.1} for abs at {@code 1e-7} with
 * {@code eps = 1e-6} (slopes -1 and 1, {@code r = 0.1}), while backward gives 0 and 1.
 *
 * @param reluInputs where relu is checked, one of them exactly on its kink
 * @param reluAnalytic relu's gradient by backward
 * @param reluNumeric relu's central differences
 * @param absInputs where abs is checked, one of them within eps of its kink
 * @param absAnalytic abs's gradient by backward
 * @param absNumeric abs's central differences
 * @param failure GradCheck's report on {@code sum(relu(u)) + sum(abs(v))}
 */
record KinkCheck(double[] reluInputs, double[] reluAnalytic, double[] reluNumeric, double[] absInputs,
    double[] absAnalytic, double[] absNumeric, GradCheckException failure) {

  static final double[] RELU_INPUTS = {-1, 0, 2};
  static final double[] ABS_INPUTS = {-1, 1e-7, 2};

  private static final UnaryOperator<Tensor> RELU = Tensor::relu;
  private static final UnaryOperator<Tensor> ABS = Tensor::abs;

  static KinkCheck run(double eps) {
    GradCheckException failure = SumGradients.failureOf(
        in -> RELU.apply(in[0]).sum().add(ABS.apply(in[1]).sum()),
        Tensor.of(RELU_INPUTS).named("u").requiresGrad(), Tensor.of(ABS_INPUTS).named("v").requiresGrad());
    return new KinkCheck(RELU_INPUTS.clone(), SumGradients.analytic(RELU, RELU_INPUTS),
        SumGradients.central64(RELU, RELU_INPUTS, eps), ABS_INPUTS.clone(), SumGradients.analytic(ABS, ABS_INPUTS),
        SumGradients.central64(ABS, ABS_INPUTS, eps), failure);
  }
}
