package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void helpListsTheSubcommands() {
    String[] result = run("--help");
    assertEquals("0", result[0]);
    assertTrue(result[1].contains("example") && result[1].contains("bench"), result[1]);
  }

  @Test
  void benchWithoutASubcommandPrintsTheUsageOfBoth() {
    String[] result = run("bench");
    assertEquals("0", result[0]);
    assertTrue(result[1].contains("kernels") && result[1].contains("train"), result[1]);
  }

  @Test
  void benchTrainHelpNamesItsOptions() {
    String[] result = run("bench", "train", "--help");
    assertEquals("0", result[0]);
    assertTrue(result[1].contains("--epochs") && result[1].contains("--threads"), result[1]);
  }

  @Test
  void unknownSubcommandIsAUsageErrorNamingIt() {
    String[] result = run("fly");
    assertEquals("2", result[0]);
    assertTrue(result[2].contains("fly"), result[2]);
  }
}
