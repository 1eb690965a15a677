/**
 * Learning-rate schedules. Each wraps one {@link dev.chainrule.optim.Optimizer} and sets its learning rate when
 * stepped, usually once per epoch (or per batch for warm-up). A
 * {@link dev.chainrule.optim.schedule.StepwiseSchedule} is a pure function of the number of steps taken and of
 * the optimizer's learning rate when the schedule was made (the base rate), so schedules compose (see
 * {@link dev.chainrule.optim.schedule.LinearWarmup}) and never drift by repeated multiplication.
 * {@link dev.chainrule.optim.schedule.ReduceLROnPlateau} instead reacts to a monitored metric.
 */
package dev.chainrule.optim.schedule;
