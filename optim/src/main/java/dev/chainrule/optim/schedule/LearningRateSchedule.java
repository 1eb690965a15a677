package dev.chainrule.optim.schedule;

/** A learning-rate schedule that advances by steps (usually epochs), setting its optimizer's learning rate. */
public interface LearningRateSchedule {
  /** Advances one step and sets the optimizer's learning rate for the next one. */
  void step();
}
