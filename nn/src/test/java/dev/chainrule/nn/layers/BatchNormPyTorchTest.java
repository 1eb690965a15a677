package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm2d, and BatchNorm1d on (N, C, L) and (N, C), against PyTorch 1.13 (float64): outputs of the last of a
 * few training steps, the running statistics after them (momentum or, with {@code momentum=None}, the cumulative
 * average; unbiased variance with n = N*H*W or N*L), then an output in evaluation mode and
 * {@code num_batches_tracked}, which PyTorch printed as the number of training steps in every run. The numbers
 * below were printed by this script and committed as literals (the two cumulative runs and the count were added
 * later, by the same script, whose first three runs printed the same numbers again):
 *
 * <pre>{@code
 * import torch
 * torch.set_printoptions(precision=10)
 * def inp(shape, step):
 *     n = 1
 *     for s in shape: n *= s
 *     i = torch.arange(n, dtype=torch.float64)
 *     return (((i * 37 + step * 11) % 17) - 8).div(4).reshape(shape)
 * def run(bn, shape, steps):
 *     bn = bn.double()
 *     if bn.affine:
 *         with torch.no_grad():
 *             C = bn.weight.shape[0]
 *             bn.weight.copy_(torch.arange(C, dtype=torch.float64) * 0.5 + 0.75)
 *             bn.bias.copy_(torch.arange(C, dtype=torch.float64) * -0.25 + 0.125)
 *     bn.train()
 *     for s in range(steps):
 *         y = bn(inp(shape, s))
 *     print("train y", y.flatten().tolist())
 *     print("running_mean", bn.running_mean.tolist())
 *     print("running_var", bn.running_var.tolist())
 *     bn.eval()
 *     y = bn(inp(shape, 7))
 *     print("eval y", y.flatten().tolist())
 *     print("num_batches_tracked", bn.num_batches_tracked.item())
 * print("bn2d"); run(torch.nn.BatchNorm2d(3, eps=1e-3, momentum=0.2), (2, 3, 2, 3), 3)
 * print("bn2d noaffine"); run(torch.nn.BatchNorm2d(2, affine=False), (3, 2, 2, 2), 2)
 * print("bn1d ncl"); run(torch.nn.BatchNorm1d(2, momentum=0.3), (2, 2, 3), 3)
 * print("bn2d cumulative"); run(torch.nn.BatchNorm2d(3, eps=1e-3, momentum=None), (2, 3, 2, 3), 4)
 * print("bn1d cumulative"); run(torch.nn.BatchNorm1d(3, momentum=None, affine=False), (4, 3), 3)
 * }</pre>
 */
class BatchNormPyTorchTest {
  /** The layers' parameters and buffers are FLOAT32, PyTorch's here FLOAT64. */
  private static final double TOLERANCE = 2e-5;

  private static final double[] BN2D_TRAIN_Y = {
      -0.17968739425578154, 0.2972146141445722, 0.7741166225449259, 1.2510186309452795, -0.9745240749230377,
      -0.49762206652268404, -0.6328123237596359, 0.1620243569076203, 0.9568610375748764, 1.7516977182421325,
      -1.9575401248717295, -1.1627034442044732, -1.0859372532634903, 0.02683409967066841, 1.1396054526048272,
      2.2523768055389857, -2.940556174820421, -1.8277848218862627, 0.2972146141445722, 0.7741166225449259,
      1.2510186309452795, -0.9745240749230377, -0.49762206652268404, -0.020720058122330298, 0.1620243569076203,
      0.9568610375748764, 1.7516977182421325, -1.9575401248717295, -1.1627034442044732, -0.36786676353721715,
      0.02683409967066841, 1.1396054526048272, 2.2523768055389857, -2.940556174820421, -1.8277848218862627,
      -0.715013468952104};
  private static final double[] BN2D_RUNNING_MEAN = {
      -0.0975, 0.024500000000000008, 0.05583333333333333};
  private static final double[] BN2D_RUNNING_VAR = {
      1.2871174242424244, 1.2871174242424244, 1.2706325757575758};
  private static final double[] BN2D_EVAL_Y = {
      0.35463513892750853, 0.8502505466847212, 1.345865954441934, -0.9670059484250587, -0.47139054066784597,
      0.024224867089366747, 0.3987002808634547, 1.2247259604588092, 2.0507516400541634, -1.804034864724157,
      -0.9780091851288026, -0.15198350553344825, 0.7022611097204265, 1.8661686712430963, -3.565399949196029,
      -2.4014923876733594, -1.2375848261506897, -0.07367726462801993, 0.8502505466847212, 1.345865954441934,
      -0.9670059484250587, -0.47139054066784597, 0.024224867089366747, 0.5198402748465795, 1.2247259604588092,
      2.0507516400541634, -1.804034864724157, -0.9780091851288026, -0.15198350553344825, 0.6740421740619063,
      1.8661686712430963, -3.565399949196029, -2.4014923876733594, -1.2375848261506897, -0.07367726462801993,
      1.0902302968946498};
  private static final double[] BN2D_PLAIN_TRAIN_Y = {
      0.8181425817568009, 1.4192269275373077, -1.3858333527717241, -0.7847490069912173, -0.6736303525496405, 0.0,
      0.6736303525496405, 1.347260705099281, -1.1854719041782218, -0.584387558397715, 0.016696787382791844,
      0.6177811331632986, 0.8981738033995207, 1.5718041559491611, -1.5718041559491611, -0.8981738033995207,
      0.21705823597629412, 0.8181425817568009, 1.4192269275373077, -1.3858333527717241, -1.347260705099281,
      -0.6736303525496405, 0.0, 0.6736303525496405};
  private static final double[] BN2D_PLAIN_RUNNING_MEAN = {
      -0.043958333333333335, 0.023125};
  private static final double[] BN2D_PLAIN_RUNNING_VAR = {
      1.1384895833333335, 1.0980823863636364};
  private static final double[] BN2D_PLAIN_EVAL_Y = {
      0.27549856329177586, 0.9784006383097723, 1.6813027133277687, -1.598906970089548, -0.9763583765057253,
      -0.26064056843799754, 0.45507723962973023, 1.170795047697458, 1.9156034050004342, -1.3646062784168826,
      -0.6617042033988861, 0.04119787161911035, 0.6936498423189729, 1.4093676503867008, -1.9306487872626958,
      -1.214930979194968, -0.4274035117262206, 0.27549856329177586, 0.9784006383097723, 1.6813027133277687,
      -1.692076184573453, -0.9763583765057253, -0.26064056843799754, 0.45507723962973023};
  private static final double[] BN1D_NCL_TRAIN_Y = {
      -0.9249865602580425, -0.024998080036863213, 0.8749904001843161, 1.4963417098630811, -1.401375388615617,
      -0.7804360103701817, -0.6249904001843161, 0.2749980800368632, 1.1749865602580425, 1.7033215026115596,
      -1.1943955958671386, -0.5734562176217033};
  private static final double[] BN1D_NCL_RUNNING_MEAN = {
      -0.08412499999999998, -0.050875000000000004};
  private static final double[] BN1D_NCL_RUNNING_VAR = {
      1.1269687499999999, 1.33096875};
  private static final double[] BN1D_NCL_EVAL_Y = {
      0.3610545476082362, 0.890918852003828, 1.42078315639942, -1.965983016510066, -1.1533663683043427,
      -0.34074972009861954, 0.5376759824067667, 1.0675402868023587, 1.5974045911979506, -1.6951108004414916,
      -0.8824941522357683, -0.0698775040300451};

  private static final double[] BN2D_CUMULATIVE_TRAIN_Y = {
      1.3089440868859405, -0.7629580651644554, -0.3189790325822277, 0.125, 0.5689790325822277, 1.0129580651644554,
      -2.0173399341912193, -1.2687219382474402, -0.5201039423036612, 0.2285140536401179, 0.977132049583897,
      1.725750045527676, -3.024275907867707, -1.9762107135464162, -0.9281455192251257, 0.11991967509616497,
      1.1679848694174555, 2.2160500637387464, -0.7629580651644554, -0.3189790325822277, 0.125, 0.5689790325822277,
      1.0129580651644554, -1.0589440868859405, -1.2687219382474402, -0.5201039423036612, 0.2285140536401179,
      0.977132049583897, 1.725750045527676, -1.7678006022099597, -1.9762107135464162, -0.9281455192251257,
      0.11991967509616497, 1.1679848694174555, 2.2160500637387464, -2.6749208430939433};
  private static final double[] BN2D_CUMULATIVE_RUNNING_MEAN = {
      -0.140625, 0.020833333333333346, 0.09375};
  private static final double[] BN2D_CUMULATIVE_RUNNING_VAR = {
      1.639322916666667, 1.629261363636364, 1.597064393939394};
  private static final double[] BN2D_CUMULATIVE_EVAL_Y = {
      0.35374763987332636, 0.7929431084301131, 1.2321385769868998, -0.8174402762781048, -0.3782448077213181,
      0.0609506608354686, 0.3441027658716069, 1.0783505733228176, 1.8125983807740285, -1.6138913873316219,
      -0.8796435798804111, -0.14539577242920032, 0.5334692409342762, 1.5717198020020202, -3.273449482980786,
      -2.2351989219130415, -1.1969483608452975, -0.15869779977755327, 0.7929431084301131, 1.2321385769868998,
      -0.8174402762781048, -0.3782448077213181, 0.0609506608354686, 0.5001461293922553, 1.0783505733228176,
      1.8125983807740285, -1.6138913873316219, -0.8796435798804111, -0.14539577242920032, 0.5888520350220104,
      1.5717198020020202, -3.273449482980786, -2.2351989219130415, -1.1969483608452975, -0.15869779977755327,
      0.8795527612901909};
  private static final double[] BN1D_CUMULATIVE_TRAIN_Y = {
      -1.104310951250723, 0.8682388677282473, 0.8682388677282473, 0.8834487610005785, -1.1163071156506037,
      -1.1163071156506037, -0.8834487610005785, 1.1163071156506037, 1.1163071156506037, 1.104310951250723,
      -0.8682388677282473, -0.8682388677282473};
  private static final double[] BN1D_CUMULATIVE_RUNNING_MEAN = {
      -0.12500000000000003, -0.08333333333333326, -0.041666666666666664};
  private static final double[] BN1D_CUMULATIVE_RUNNING_VAR = {
      1.590277777777778, 1.4722222222222223, 1.590277777777778};
  private static final double[] BN1D_CUMULATIVE_EVAL_Y = {
      0.29736743525187864, 0.8928406333826842, 1.4207555239811978, -1.2885922194248072, -0.7554805359391943,
      -0.16520413069548812, 0.49561239208646435, 1.098880779547919, 1.6190004808157834, -1.0903472625902215,
      -0.5494403897739595, 0.03304082613909762};

  /** The script's {@code inp}: {@code ((i * 37 + step * 11) mod 17 - 8) / 4} over the flat index i. */
  private static Tensor input(int[] shape, int step) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = ((i * 37L + step * 11L) % 17 - 8) / 4.0;
    }
    return Tensor.of(DType.FLOAT64, values, shape);
  }

  /** Weight {@code 0.75 + 0.5 c}, bias {@code 0.125 - 0.25 c}, as the script sets them. */
  private static void setAffine(BatchNorm bn, int channels) {
    double[] weight = new double[channels];
    double[] bias = new double[channels];
    for (int c = 0; c < channels; c++) {
      weight[c] = 0.75 + 0.5 * c;
      bias[c] = 0.125 - 0.25 * c;
    }
    try (var off = GradMode.off()) {
      bn.parameters().get(0).copyFrom(Tensor.of(weight));
      bn.parameters().get(1).copyFrom(Tensor.of(bias));
    }
  }

  private static void check(BatchNorm bn, int[] shape, int steps, double[] trainY, double[] mean, double[] var,
      double[] evalY) {
    Tensor y = null;
    for (int s = 0; s < steps; s++) {
      y = bn.call(input(shape, s));
    }
    assertValues(trainY, shape, y, TOLERANCE);
    assertValues(mean, new int[] {shape[1]}, bn.runningMean(), TOLERANCE);
    assertValues(var, new int[] {shape[1]}, bn.runningVar(), TOLERANCE);
    double[] trained = bn.runningVar().toDoubleArray();
    bn.eval();
    assertValues(evalY, shape, bn.call(input(shape, 7)), TOLERANCE);
    assertValues(trained, new int[] {shape[1]}, bn.runningVar(), 0); // evaluation updates nothing
    assertEquals(steps, bn.numBatchesTracked());
  }

  @Test
  void batchNorm2dWithMomentumAndEpsMatchesPyTorch() {
    BatchNorm2d bn = new BatchNorm2d(3, 1e-3, 0.2, true);
    setAffine(bn, 3);
    check(bn, new int[] {2, 3, 2, 3}, 3, BN2D_TRAIN_Y, BN2D_RUNNING_MEAN, BN2D_RUNNING_VAR, BN2D_EVAL_Y);
  }

  @Test
  void batchNorm2dWithoutAffineMatchesPyTorch() {
    BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.1, false);
    check(bn, new int[] {3, 2, 2, 2}, 2, BN2D_PLAIN_TRAIN_Y, BN2D_PLAIN_RUNNING_MEAN, BN2D_PLAIN_RUNNING_VAR,
        BN2D_PLAIN_EVAL_Y);
  }

  @Test
  void batchNorm1dOnSequencesMatchesPyTorch() {
    BatchNorm1d bn = new BatchNorm1d(2, 1e-5, 0.3, true);
    setAffine(bn, 2);
    check(bn, new int[] {2, 2, 3}, 3, BN1D_NCL_TRAIN_Y, BN1D_NCL_RUNNING_MEAN, BN1D_NCL_RUNNING_VAR,
        BN1D_NCL_EVAL_Y);
  }

  @Test
  void batchNorm2dWithTheCumulativeAverageMatchesPyTorchsMomentumNone() {
    BatchNorm2d bn = BatchNorm2d.cumulative(3, 1e-3, true);
    setAffine(bn, 3);
    check(bn, new int[] {2, 3, 2, 3}, 4, BN2D_CUMULATIVE_TRAIN_Y, BN2D_CUMULATIVE_RUNNING_MEAN,
        BN2D_CUMULATIVE_RUNNING_VAR, BN2D_CUMULATIVE_EVAL_Y);
  }

  @Test
  void batchNorm1dWithTheCumulativeAverageMatchesPyTorchsMomentumNone() {
    BatchNorm1d bn = BatchNorm1d.cumulative(3, 1e-5, false);
    check(bn, new int[] {4, 3}, 3, BN1D_CUMULATIVE_TRAIN_Y, BN1D_CUMULATIVE_RUNNING_MEAN,
        BN1D_CUMULATIVE_RUNNING_VAR, BN1D_CUMULATIVE_EVAL_Y);
  }
}
