package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.lessons.Lesson;
import dev.chainrule.examples.lessons.Lessons;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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

  @Test
  void lessonWithoutANameListsTheLessons() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      assertEquals("0", run("lesson")[0]);
    } finally {
      System.setOut(saved);
    }
    String listing = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(listing.contains("./chainrule lesson NAME"), listing);
    for (Lesson lesson : Lessons.all()) {
      assertTrue(listing.contains(lesson.name()) && listing.contains(lesson.title()), listing);
    }
  }

  @Test
  void anUnknownLessonIsAnErrorNamingIt() {
    assertEquals("2", run("lesson", "no-such-lesson")[0]);
  }
}
