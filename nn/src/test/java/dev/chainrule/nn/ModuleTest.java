package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.layers.BatchNorm1d;
import dev.chainrule.nn.layers.Dropout;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {
  /** A custom module with an own parameter before its submodules, to check ordering and dotted names. */
  static final class AutoEncoder extends Module {
    final Sequential encoder;
    final Linear decoder;

    AutoEncoder(Rng rng) {
      registerParameter("scale", Tensor.ones(1));
      encoder = registerModule("encoder", new Sequential(new Linear(4, 3, rng), new BatchNorm1d(3), new ReLU()));
      decoder = registerModule("decoder", new Linear(3, 4, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
      return decoder.call(encoder.call(x)).mul(parameter("scale"));
    }
  }

  private static Sequential mlp(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(new Linear(784, 128, rng), new ReLU(), new Dropout(0.2, rng), new Linear(128, 10, rng));
  }

  private static Map<String, double[]> snapshot(Module m) {
    Map<String, double[]> out = new LinkedHashMap<>();
    m.stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
    return out;
  }

  private static void assertUnchanged(Map<String, double[]> before, Module m) {
    Map<String, double[]> after = snapshot(m);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
  }

  @Test
  void parametersAreLabelledWithTheirNameUnlessAlreadyNamed() {
    Linear layer = new Linear(3, 2, new Rng(1));
    assertEquals("weight", layer.weight().label());
    assertEquals("bias", layer.bias().label());
    Linear named = new Linear(3, 2, new Rng(1));
    named.weight().named("W1");
    assertEquals("W1", named.weight().label(), "a label given later wins");
    Tensor own = Tensor.zeros(2).named("mine");
    Module module = new Module() {
      {
        registerParameter("offset", own);
      }

      @Override
      public Tensor forward(Tensor input) {
        return input.add(parameter("offset"));
      }
    };
    assertEquals("mine", module.parameters().get(0).label(), "registering keeps an existing label");
  }

  @Test
  void parametersComeInRegistrationOrderWithDottedNames() {
    AutoEncoder model = new AutoEncoder(new Rng(1));
    assertEquals(List.of("scale", "encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias",
        "decoder.weight", "decoder.bias"), List.copyOf(model.namedParameters().keySet()));
    assertEquals(List.copyOf(model.namedParameters().values()), model.parameters());
    assertSame(model.encoder.get(0).parameters().get(0), model.parameters().get(1));
    assertEquals(List.of("scale", "encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias",
        "encoder.1.running_mean", "encoder.1.running_var", "encoder.1.num_batches_tracked", "decoder.weight",
        "decoder.bias"),
        List.copyOf(model.stateDict().keySet()));
    assertEquals(List.of("encoder", "decoder"), List.copyOf(model.namedChildren().keySet()));
    assertEquals(6, model.modules().size());
    assertSame(model, model.modules().get(0));
  }

  @Test
  void aSharedParameterIsListedOnce() {
    Linear shared = new Linear(2, 2, new Rng(2));
    Sequential twice = new Sequential(shared, new ReLU(), shared);
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(twice.namedParameters().keySet()));
  }

  @Test
  void registrationRejectsDuplicateAndDottedNames() {
    class Bad extends Module {
      Bad(String second) {
        registerParameter("w", Tensor.ones(1));
        registerBuffer(second, Tensor.ones(1));
      }

      @Override
      public Tensor forward(Tensor x) {
        return x;
      }
    }
    var e = assertThrows(IllegalArgumentException.class, () -> new Bad("w"));
    assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Bad("a.b"));
  }

  @Test
  void trainAndEvalReachEveryDescendant() {
    AutoEncoder model = new AutoEncoder(new Rng(3));
    model.eval();
    for (Module m : model.modules()) {
      assertFalse(m.isTraining(), m.getClass().getSimpleName());
    }
    model.encoder.train();
    assertTrue(model.encoder.get(1).isTraining());
    assertFalse(model.isTraining());
    model.train();
    for (Module m : model.modules()) {
      assertTrue(m.isTraining());
    }
  }

  @Test
  void stateDictRoundTripCopiesValuesIntoTheSameTensors() {
    AutoEncoder source = new AutoEncoder(new Rng(4));
    source.forward(Tensor.uniform(new Rng(5), -1, 1, 6, 4)); // moves the running statistics off 0 and 1
    AutoEncoder target = new AutoEncoder(new Rng(6));
    List<Tensor> identities = new ArrayList<>(target.stateDict().values());
    assertNotEquals(source.stateDict().get("decoder.weight").get(0), target.stateDict().get("decoder.weight")
        .get(0));
    Module.LoadResult result = target.loadStateDict(source.stateDict());
    assertEquals(List.of(), result.missingKeys());
    assertUnchanged(snapshot(source), target);
    assertEquals(identities, new ArrayList<>(target.stateDict().values()));
    assertTrue(target.parameters().get(0).needsGrad());
  }

  @Test
  void strictLoadNamesAMissingEntryAndChangesNothing() {
    AutoEncoder model = new AutoEncoder(new Rng(7));
    Map<String, double[]> before = snapshot(model);
    Map<String, Tensor> state = new LinkedHashMap<>(new AutoEncoder(new Rng(8)).stateDict());
    state.remove("encoder.1.running_var");
    var e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state));
    assertTrue(e.getMessage().contains("missing [encoder.1.running_var]"), e.getMessage());
    assertUnchanged(before, model);
  }

  @Test
  void strictLoadNamesAnUnexpectedEntryAndChangesNothing() {
    AutoEncoder model = new AutoEncoder(new Rng(9));
    Map<String, double[]> before = snapshot(model);
    Map<String, Tensor> state = new LinkedHashMap<>(new AutoEncoder(new Rng(10)).stateDict());
    state.put("decoder.extra", Tensor.ones(2));
    var e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state));
    assertTrue(e.getMessage().contains("unexpected [decoder.extra]"), e.getMessage());
    assertUnchanged(before, model);
  }

  @Test
  void aMisShapedEntryIsAnErrorEvenWhenNotStrictAndChangesNothing() {
    AutoEncoder model = new AutoEncoder(new Rng(11));
    Map<String, double[]> before = snapshot(model);
    Map<String, Tensor> state = new LinkedHashMap<>(new AutoEncoder(new Rng(12)).stateDict());
    state.put("encoder.0.weight", Tensor.ones(4, 3));
    for (boolean strict : new boolean[] {true, false}) {
      var e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state, strict));
      assertTrue(e.getMessage().contains("encoder.0.weight (expected shape (3, 4), found (4, 3))"),
          e.getMessage());
      assertUnchanged(before, model);
    }
  }

  /** A module with an INT64 buffer that once was saved as a float in {@code [0, 1]} (a fraction of 100 steps). */
  static final class Counter extends Module {
    final List<String> upgraded = new ArrayList<>();

    Counter() {
      registerParameter("weight", Tensor.ones(2));
      registerBuffer("steps", Tensor.of(new long[] {0}));
    }

    @Override
    public Tensor forward(Tensor x) {
      return x.mul(parameter("weight"));
    }

    @Override
    protected Tensor upgradeLoadedEntry(String name, Tensor entry) {
      upgraded.add(name);
      if (!name.equals("steps") || !entry.dtype().isFloatingPoint()) {
        return entry;
      }
      checkArgument(entry.item() >= 0 && entry.item() <= 1, "Counter: steps fraction %s is not in [0, 1]",
          entry.item());
      return Tensor.of(new long[] {Math.round(entry.item() * 100)});
    }
  }

  @Test
  void floatingEntriesLoadIntoEitherPrecisionAndKeepTheTargetsType() {
    Linear layer = new Linear(2, 1, new Rng(20));
    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("weight", Tensor.of(new double[] {0.1, 1.0 / 3}, 1, 2));
    state.put("bias", Tensor.of(new double[] {-0.5}));
    layer.loadStateDict(state);
    assertEquals(DType.FLOAT32, layer.weight().dtype());
    assertArrayEquals(new float[] {0.1f, 1f / 3}, layer.weight().toFloatArray());
  }

  @Test
  void aMistypedEntryIsAnErrorEvenWhenNotStrictAndChangesNothing() {
    AutoEncoder model = new AutoEncoder(new Rng(21));
    Map<String, double[]> before = snapshot(model);
    Map<String, Tensor> state = new LinkedHashMap<>(new AutoEncoder(new Rng(22)).stateDict());
    state.put("decoder.bias", Tensor.of(new long[] {1, 2, 3, 4}, 4));
    state.put("scale", Tensor.of(new boolean[] {true}));
    for (boolean strict : new boolean[] {true, false}) {
      var e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state, strict));
      assertTrue(e.getMessage().contains("mistyped [scale (expected float32, found bool), decoder.bias (expected"
          + " float32, found int64)]"), e.getMessage());
      assertUnchanged(before, model);
    }
    Counter counter = new Counter();
    var e = assertThrows(IllegalArgumentException.class, () -> counter.loadStateDict(
        Map.of("weight", Tensor.ones(2), "steps", Tensor.of(new boolean[] {true}).reshape())));
    assertTrue(e.getMessage().contains("mistyped [steps (expected int64, found bool)]"), e.getMessage());
  }

  @Test
  void theOwnerUpgradesAnOlderEntryUnderItsLocalName() {
    Sequential model = new Sequential(new Linear(2, 2, new Rng(23)), new Counter());
    Counter counter = (Counter) model.get(1);
    Map<String, Tensor> state = new LinkedHashMap<>(model.stateDict());
    state.put("1.steps", Tensor.scalar(0.25));
    model.loadStateDict(state);
    assertEquals(25, counter.stateDict().get("steps").longItem());
    assertEquals(List.of("weight", "steps"), counter.upgraded, "called for the owner's own entries, by local name");
    Map<String, double[]> before = snapshot(model);
    state.put("1.steps", Tensor.scalar(3.0));
    state.put("0.bias", Tensor.of(7f, 7f));
    var e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state, false));
    assertTrue(e.getMessage().contains("refused [1.steps: Counter: steps fraction 3.0 is not in [0, 1]]"),
        e.getMessage());
    assertUnchanged(before, model);
  }

  @Test
  void nonStrictLoadCopiesWhatMatchesAndReportsTheRest() {
    AutoEncoder model = new AutoEncoder(new Rng(13));
    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("decoder.bias", Tensor.of(1f, 2f, 3f, 4f));
    state.put("other", Tensor.ones(1));
    double[] weight = model.stateDict().get("decoder.weight").toDoubleArray();
    Module.LoadResult result = model.loadStateDict(state, false);
    assertArrayEquals(new double[] {1, 2, 3, 4}, model.stateDict().get("decoder.bias").toDoubleArray());
    assertArrayEquals(weight, model.stateDict().get("decoder.weight").toDoubleArray());
    assertEquals(List.of("other"), result.unexpectedKeys());
    assertEquals(9, result.missingKeys().size()); // the 10 entries of the state dict but decoder.bias
  }

  @Test
  void forwardWithSubstitutesForOneCallOnly() {
    Linear layer = new Linear(2, 1, new Rng(14));
    Tensor weight = layer.weight();
    Tensor y = layer.forwardWith(Map.of("weight", Tensor.of(new float[] {1, 2}, 1, 2), "bias", Tensor.zeros(1)),
        Tensor.of(3f, 4f));
    assertEquals(11, y.item(), 1e-6);
    assertSame(weight, layer.weight());
    var e = assertThrows(IllegalArgumentException.class, () -> new AutoEncoder(new Rng(15))
        .forwardWith(Map.of("encoder.9.weight", Tensor.ones(1)), Tensor.ones(2, 4)));
    assertTrue(e.getMessage().contains("encoder.9.weight"), e.getMessage());
  }

  @Test
  void summaryOfAnMlpCountsParametersPerLayer() {
    Sequential model = mlp(16);
    Summary summary = model.summary(1, 784);
    List<Summary.Row> rows = summary.rows();
    assertEquals(List.of("0", "1", "2", "3"), rows.stream().map(Summary.Row::name).toList());
    assertEquals(List.of("Linear", "ReLU", "Dropout", "Linear"), rows.stream().map(Summary.Row::type).toList());
    assertEquals(List.of("(1, 128)", "(1, 128)", "(1, 128)", "(1, 10)"),
        rows.stream().map(r -> r.outputShape().toString()).toList());
    assertEquals(List.of(784L * 128 + 128, 0L, 0L, 128L * 10 + 10),
        rows.stream().map(Summary.Row::parameters).toList());
    assertEquals(784 * 128 + 128 + 128 * 10 + 10, summary.totalParameters());
    assertEquals(101_770, summary.trainableParameters());
    String table = summary.toString();
    assertTrue(table.contains("0 (Linear)") && table.contains("100,480") && table.contains("1,290")
        && table.contains("Total params: 101,770") && table.contains("Non-trainable params: 0"), table);
  }

  @Test
  void summaryCountsFrozenParametersAsNonTrainableAndRestoresModes() {
    Sequential model = mlp(17);
    model.parameters().get(1).requiresGrad(false);
    model.get(2).eval();
    Summary summary = model.summary(2, 784);
    assertEquals(101_770 - 128, summary.trainableParameters());
    assertTrue(model.isTraining() && model.get(0).isTraining());
    assertFalse(model.get(2).isTraining());
    assertEquals("(2, 10)", summary.outputShape().toString());
  }

  @Test
  void toStringIsAPyTorchLikeTree() {
    AutoEncoder model = new AutoEncoder(new Rng(18));
    assertEquals(String.join("\n",
        "AutoEncoder(",
        "  (encoder): Sequential(",
        "    (0): Linear(in_features=4, out_features=3, bias=true)",
        "    (1): BatchNorm1d(3, eps=1.0E-5, momentum=0.1)",
        "    (2): ReLU()",
        "  )",
        "  (decoder): Linear(in_features=3, out_features=4, bias=true)",
        ")"), model.toString());
  }
}
