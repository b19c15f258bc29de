export * from './template';
export * from './score';
export * from './calibration';
export * from './random';
export * from './sampling';
export * from './dispute';
export * from './report';
