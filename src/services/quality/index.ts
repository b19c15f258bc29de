/** The quality (質檢) use cases: what the HTTP routes, the demo seed and scripts call. */
export * from './common';
export * from './templates';
export * from './work';
export * from './evaluations';
export * from './disputes';
export * from './calibration';
export * from './reports';
export * from './coaching';
