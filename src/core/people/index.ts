/**
 * People on the floor (issue 6): discipline and the team fund, attendance, mood care, training and
 * certification, the team lead's routine, attrition, employee voice. Pure: plain data in and out,
 * no clock (pass `now`), no I/O. Bad input throws `PeopleError` with `code` and `field`.
 */
export * from './errors';
export * from './defaults';
export * from './discipline';
export * from './attendance';
export * from './mood';
export * from './training';
export * from './routine';
export * from './attrition';
export * from './voice';
