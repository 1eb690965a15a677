package dev.chainrule.examples.lessons;

import java.io.IOException;

/**
 * One runnable lesson of the course: it prints what it teaches and writes its pictures (graph dumps, plots)
 * into the directory its {@link LessonContext} gives it. Run from the command line with
 * {@code ./chainrule lesson NAME}; {@link Lessons} lists them in course order.
 *
 * <p>A lesson finishes in seconds and is deterministic apart from timings it reports: the same seed gives the
 * same numbers and the same pictures. What it claims is checked by its own test, which calls the lesson's
 * typed computation rather than parsing its output.
 */
public interface Lesson {

  /** The name used on the command line and for the docs page, lower case with hyphens: {@code chain-rule}. */
  String name();

  /** The title of the lesson's page: {@code The chain rule on a computation graph}. */
  String title();

  /** One sentence on what the lesson shows, printed by {@code ./chainrule lesson}. */
  String summary();

  /** Runs the lesson: prints to {@code context.out()}, writes pictures with {@code context.file(...)}. */
  void run(LessonContext context) throws IOException;
}
