package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.stream.Collectors;

/** The lessons in course order: the order of {@code ./chainrule lesson} and of the docs index. */
public final class Lessons {
  private static final List<Lesson> ALL = List.of(
      new ChainRuleLesson(),
      new LogisticRegressionLesson(),
      new ShallowNetworkLesson(),
      new DeepNetworkLesson(),
      new ActivationsLesson(),
      new InitializationLesson(),
      new RegularizationLesson(),
      new OptimizersLesson(),
      new LearningRateLesson(),
      new RegressionLesson(),
      new GradientCheckingLesson(),
      new NewtonLesson(),
      new CnnLesson(),
      new RnnLesson());

  private Lessons() {}

  /** Every lesson, in course order. */
  public static List<Lesson> all() {
    return ALL;
  }

  /**
   * The lesson called {@code name}.
   *
   * @throws IllegalArgumentException naming the known lessons when there is none called {@code name}
   */
  public static Lesson find(String name) {
    checkNotNull(name, "lesson name must not be null");
    for (Lesson lesson : ALL) {
      if (lesson.name().equals(name)) {
        return lesson;
      }
    }
    throw new IllegalArgumentException("lesson: there is no lesson called '" + name + "'; the lessons are: "
        + ALL.stream().map(Lesson::name).collect(Collectors.joining(", ")));
  }
}
