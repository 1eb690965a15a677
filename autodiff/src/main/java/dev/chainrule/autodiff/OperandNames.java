package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * How a {@link Function#gradientFormula} names the operands of its formula: the upstream gradient
 * {@code dL/dY}, the op's inputs and its output, each also transposed (its last two axes swapped, written
 * {@code ^T}). The op chooses which operands appear and how they combine; the names decide how each is
 * shown, so the narrated backward pass can add each operand's shape ({@code X^T (2, 3)}) while
 * {@link #of plain names} show none.
 */
public interface OperandNames {

  /** The gradient of the op's output, {@code dL/dY}. */
  String upstream();

  /** {@code dL/dY} with its last two axes swapped, {@code dL/dY^T}. */
  String upstreamTransposed();

  /** Input {@code i} of the op, in the order it received them. */
  String input(int i);

  /** Input {@code i} with its last two axes swapped, {@code X^T}. */
  String inputTransposed(int i);

  /** The op's output {@code Y}. */
  String output();

  /**
   * Plain names, no shapes: {@code upstream}, {@code inputs} and {@code output} as given, transposed ones with
   * {@code ^T} appended.
   */
  static OperandNames of(String upstream, List<String> inputs, String output) {
    checkNotNull(upstream, "OperandNames.of: upstream is null");
    checkNotNull(output, "OperandNames.of: output is null");
    List<String> names = List.copyOf(inputs);
    return new OperandNames() {
      @Override
      public String upstream() {
        return upstream;
      }

      @Override
      public String upstreamTransposed() {
        return upstream + "^T";
      }

      @Override
      public String input(int i) {
        checkArgument(i >= 0 && i < names.size(), "OperandNames: no input %s among %s", i, names);
        return names.get(i);
      }

      @Override
      public String inputTransposed(int i) {
        return input(i) + "^T";
      }

      @Override
      public String output() {
        return output;
      }
    };
  }
}
