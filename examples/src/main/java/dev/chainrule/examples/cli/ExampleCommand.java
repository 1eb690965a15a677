package dev.chainrule.examples.cli;

import dev.chainrule.examples.ChainRuleExample;
import picocli.CommandLine.Command;

/** {@code chainrule example}: the chain rule on logistic regression with one sample. */
@Command(name = "example", mixinStandardHelpOptions = true,
    description = "Logistic regression on one sample: each forward value and gradient, checked against the"
        + " hand-derived formulas.")
final class ExampleCommand implements Runnable {
  @Override
  public void run() {
    ChainRuleExample.main(new String[0]);
  }
}
