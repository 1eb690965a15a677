package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.lessons.Lesson;
import dev.chainrule.examples.lessons.Lessons;
import org.junit.jupiter.api.Test;

class MainTest {

  private static String[] run(String... args) {
    CliRun run = CliRun.of(args);
    return new String[] {Integer.toString(run.code()), run.out(), run.err()};
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
    String[] result = run("lesson");
    assertEquals("0", result[0]);
    String listing = result[1];
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
