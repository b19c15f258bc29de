/**
 * People on the floor (issue 6): discipline and the team fund, attendance, mood care, employee voice,
 * training and certification, the team lead's routine, attrition. Thin: validation with zod,
 * scoping here, rules in src/core/people, SQL in src/store/people.
 */
import { disciplineRoutes } from './discipline';
import { careRoutes } from './care';
import { trainingRoutes } from './training';
import { routineRoutes } from './routine';
import { attritionRoutes } from './attrition';
import type { RouteDef } from '../../route';

export const peopleRoutes: RouteDef[] = [...disciplineRoutes, ...careRoutes, ...trainingRoutes, ...routineRoutes, ...attritionRoutes];
