package dev.chainrule.autodiff.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property that gradient-checks the named op classes. The op coverage test fails when a
 * differentiable op class in {@code dev.chainrule.autodiff.ops} is named by no such property.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GradientProperty {
  Class<?>[] value();
}
