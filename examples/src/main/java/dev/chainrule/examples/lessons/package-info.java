/**
 * The course's lessons, one class each, run with {@code ./chainrule lesson NAME}. {@link
 * dev.chainrule.examples.lessons.Lessons} lists them in course order; each has a page in {@code docs/lessons/}
 * with its pictures, made by {@code ./chainrule lesson NAME --out docs/lessons}.
 */
package dev.chainrule.examples.lessons;
