// Shift design from files (issue 15): which shifts, and how many of each, cover a requirement curve
// best, with a cost per distinct shift so the planner gets few, regular shifts when it can.
export { localIso, localMinutes, parseRequirementsCsv, parseShiftTypes, repeatWeeks, type Requirements, type ShiftType } from './input';
export { concreteShifts, type DesignWeights } from './model';
export { designShifts, type DesignOptions, type DesignResult, type DesignedShift } from './solve';
