export * from './kpi/measures';
export * from './kpi/derive';
export * from './kpi/interval';
export * from './kpi/aggregate';
