export * from './kpi';
export * from './scorecard';
export * from './contest';
export * from './camp';
export * from './csv';
export * from './facts';
export * from './liveFigures';
