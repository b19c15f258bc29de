/** Work orders core: machines (data), workflow, SLA, complaints, callbacks. */
export * from './machines';
export * from './workflow';
export * from './sla';
export * from './complaints';
export * from './callbacks';
export * from './report';
