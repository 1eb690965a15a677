package dev.chainrule.examples.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for the options that take one of a fixed set of names, in any case; an unknown name is a
 * parameter error that lists the choices (never a Java enum constant).
 */
final class Choices {
  private Choices() {}

  /** {@code value} in lower case when it is one of {@code names}. */
  static String pick(String what, String value, List<String> names) {
    String name = value.toLowerCase(Locale.ROOT);
    if (!names.contains(name)) {
      throw new TypeConversionException("unknown " + what + " '" + value + "'; choose one of "
          + String.join(", ", names));
    }
    return name;
  }

  /** {@code --dataset}: one of {@link PreparedData#NAMES}. */
  static final class Dataset implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return pick("data set", value, PreparedData.NAMES);
    }
  }

  /** {@code --model} of {@code train}: one of {@link TrainCommand#MODELS}. */
  static final class Model implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return pick("model", value, TrainCommand.MODELS);
    }
  }

  /** {@code --activation}: one of {@link ModelSpec#ACTIVATIONS}. */
  static final class Activation implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return pick("activation", value, ModelSpec.ACTIVATIONS);
    }
  }

  /** {@code --schedule}: one of {@link CharLmSchedule#NAMES}. */
  static final class Schedule implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return pick("schedule", value, CharLmSchedule.NAMES);
    }
  }

  /** {@code --optimizer}: an {@link OptimizerChoice} by its lower-case name. */
  static final class Optimizer implements ITypeConverter<OptimizerChoice> {
    @Override
    public OptimizerChoice convert(String value) {
      List<String> names = Arrays.stream(OptimizerChoice.values()).map(OptimizerChoice::optionName).toList();
      return OptimizerChoice.values()[names.indexOf(pick("optimizer", value, names))];
    }
  }
}
