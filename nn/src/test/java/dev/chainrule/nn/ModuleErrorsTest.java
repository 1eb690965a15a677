package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.VerifyException;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Tanh;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A caller error inside a network names the module path, once, keeping its type and the original as cause. */
class ModuleErrorsTest {
  /** A module whose forward throws what it is given. */
  private static final class Throwing extends Module {
    private final Supplier<RuntimeException> error;

    Throwing(Supplier<RuntimeException> error) {
      this.error = error;
    }

    @Override
    public Tensor forward(Tensor x) {
      throw error.get();
    }
  }

  @Test
  void aShapeErrorNamesTheModulePathAndKeepsTheOriginalAsCause() {
    Sequential model = new Sequential(new ReLU(), new Tanh(), new Linear(64, 10, new Rng(1)));
    var e = assertThrows(IllegalArgumentException.class, () -> model.call(Tensor.zeros(32, 1, 8, 8)));
    assertEquals(IllegalArgumentException.class, e.getClass());
    assertTrue(e.getMessage().startsWith("Sequential / 2 (Linear): input of shape (32, 1, 8, 8) must have 64"
        + " features"), e.getMessage());
    assertTrue(e.getCause() instanceof IllegalArgumentException, "cause: " + e.getCause());
    assertTrue(e.getCause().getMessage().startsWith("Linear: input of shape (32, 1, 8, 8)"),
        e.getCause().getMessage());
  }

  @Test
  void nestedModulesGiveTheWholePathOnceWithTheInnermostErrorAsCause() {
    IllegalArgumentException original = new IllegalArgumentException("matmul: shapes (2, 3) and (4, 5) cannot"
        + " be multiplied (3 != 4)");
    Sequential inner = new Sequential(new ReLU(), new Throwing(() -> original));
    Sequential model = new Sequential(new Tanh(), inner);
    var e = assertThrows(IllegalArgumentException.class, () -> model.call(Tensor.zeros(2, 3)));
    assertEquals("Sequential / 1 (Sequential) / 1 (Throwing): matmul: shapes (2, 3) and (4, 5) cannot be"
        + " multiplied (3 != 4)", e.getMessage());
    assertSame(original, e.getCause());
  }

  @Test
  void anIllegalStateStaysAnIllegalState() {
    Sequential model = new Sequential(new Throwing(() -> new IllegalStateException("not ready")));
    var e = assertThrows(IllegalStateException.class, () -> model.call(Tensor.zeros(1)));
    assertEquals(IllegalStateException.class, e.getClass());
    assertEquals("Sequential / 0 (Throwing): not ready", e.getMessage());
  }

  @Test
  void aModuleCalledOnItsOwnNamesItsTypeWithoutRepeatingIt() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Linear(3, 2, new Rng(2)).call(Tensor.zeros(4, 7)));
    assertTrue(e.getMessage().startsWith("Linear: input of shape (4, 7) must have 3 features"), e.getMessage());
  }

  @Test
  void errorsThatAreNotCallerErrorsPassThroughUntouched() {
    RuntimeException[] errors = {new ArithmeticException("boom"), new NullPointerException("null"),
        new VerifyException("internal"), new NumberFormatException("a subclass of IllegalArgumentException")};
    for (RuntimeException error : errors) {
      Sequential model = new Sequential(new Throwing(() -> error));
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> model.call(Tensor.zeros(1)));
      assertSame(error, thrown, error.getClass().getSimpleName());
    }
  }

  @Test
  void aSecondFailureOnTheSameThreadStartsItsOwnPath() {
    Sequential model = new Sequential(new Throwing(() -> new IllegalArgumentException("first")));
    assertThrows(IllegalArgumentException.class, () -> model.call(Tensor.zeros(1)));
    Sequential other = new Sequential(new ReLU(), new Throwing(() -> new IllegalArgumentException("second")));
    var e = assertThrows(IllegalArgumentException.class, () -> other.call(Tensor.zeros(1)));
    assertEquals("Sequential / 1 (Throwing): second", e.getMessage());
  }
}
