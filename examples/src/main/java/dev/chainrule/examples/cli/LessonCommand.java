package dev.chainrule.examples.cli;

import dev.chainrule.examples.lessons.Lesson;
import dev.chainrule.examples.lessons.LessonContext;
import dev.chainrule.examples.lessons.Lessons;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chainrule lesson [NAME]}: runs one lesson of the course, or lists them all when no name is given.
 * Pictures go to {@code OUT/NAME/}; {@code --out docs/lessons} regenerates the ones committed with the docs.
 */
@Command(name = "lesson", mixinStandardHelpOptions = true,
    description = "Runs a lesson of the course (prints what it teaches, writes its pictures); without a name,"
        + " lists the lessons.")
final class LessonCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The lesson to run, e.g. chain-rule.")
  private String name;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/lessons",
      description = "Where pictures go, in a folder per lesson, created if missing (default: ${DEFAULT-VALUE}).")
  private Path out;

  @Option(names = "--all", description = "Runs every lesson in course order.")
  private boolean all;

  @ParentCommand
  private Main main;

  @Override
  public Integer call() {
    PrintStream stdout = main.out();
    if (all && name != null) {
      throw UserError.of("give a lesson NAME or --all, not both");
    }
    if (!all && name == null) {
      list(stdout);
      return Main.EXIT_OK;
    }
    List<Lesson> lessons = all ? Lessons.all() : List.of(find(name));
    OptionChecks.writableDirectory("--out", out);
    for (Lesson lesson : lessons) {
      run(lesson, stdout);
    }
    return Main.EXIT_OK;
  }

  private static Lesson find(String name) {
    if (Lessons.all().stream().anyMatch(lesson -> lesson.name().equals(name))) {
      return Lessons.find(name);
    }
    throw UserError.of("there is no lesson called '%s'; the lessons are %s (./chainrule lesson lists them)", name,
        Lessons.all().stream().map(Lesson::name).collect(Collectors.joining(", ")));
  }

  private static void list(PrintStream stdout) {
    stdout.println("The lessons, in course order (run one with ./chainrule lesson NAME):");
    List<Lesson> lessons = Lessons.all();
    for (int i = 0; i < lessons.size(); i++) {
      Lesson lesson = lessons.get(i);
      stdout.printf(Locale.ROOT, "%3d. %-20s %s%n", i + 1, lesson.name(), lesson.title());
      stdout.printf(Locale.ROOT, "     %-20s %s%n", "", lesson.summary());
    }
  }

  private void run(Lesson lesson, PrintStream stdout) {
    stdout.println("# " + lesson.title());
    stdout.println();
    LessonContext context = new LessonContext(stdout, out.resolve(lesson.name()));
    try {
      lesson.run(context);
    } catch (IOException | UncheckedIOException e) {
      throw new UserError("writing the pictures of " + lesson.name() + " failed: " + e.getMessage(), e);
    }
    if (!context.written().isEmpty()) {
      stdout.println();
      stdout.println("Wrote:");
      for (Path file : context.written()) {
        stdout.println("  " + file);
      }
    }
    stdout.println();
  }
}
