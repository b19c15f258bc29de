export * from './sim/rng';
export * from './sim/simulate';
