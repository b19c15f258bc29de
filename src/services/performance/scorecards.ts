/**
 * Monthly scorecards (issue 13): computed now for managers and team leads, published (frozen) for
 * agents, and the payroll table of a published month. Who sees which card is the actor's scope.
 */
import { forbidden, notFound, validationError } from '../../core/errors';
import { itemsBelowTarget, payrollRows, type CsvCell, type KpiDefinition, type RankedScorecard } from '../../core/performance/index';
import { listTeams } from '../../store/org';
import {
  computeScorecards,
  currentFigures,
  getPublication,
  listPublications,
  markPublicationChanges,
  publishedCards,
  publishMonth,
} from '../../store/performance/figures';
import { scopeAdmits } from '../../store/scope';
import type { Actor, ServiceDeps } from '../context';
import { lastClosedMonth } from './figures';

/** The use cases that record who did them need a signed-in user (the command line has none). */
export function signedInUser(actor: Actor): number {
  if (actor.userId == null) throw forbidden('this needs a signed-in user', { reason: 'role.userRequired', params: {} });
  return actor.userId;
}

/**
 * A month's scorecards computed now from stored facts. Ranks are over the whole center, so every
 * card is computed and the actor then sees theirs (team leads: their teams); a published month's
 * figures that changed since (late data) are marked with both values.
 */
export async function liveScorecards(deps: ServiceDeps, actor: Actor, q: { month?: string }) {
  const centerId = actor.scope.centerId;
  const month = q.month ?? (await lastClosedMonth(deps, actor));
  const { facts: _facts, ...sc } = await computeScorecards(deps.store.db, centerId, month, deps.now());
  const cards = sc.cards.filter((c) => scopeAdmits(actor.scope, { teamId: c.teamId ? Number(c.teamId) : null, agentId: Number(c.agentId) }));
  return {
    ...sc,
    cards: await markPublicationChanges(deps.store.db, centerId, month, cards),
    publication: await getPublication(deps.store.db, centerId, month),
  };
}

/** Publishes a month's ranking to agents (a note is required when a figure is missing). */
export const publish = (deps: ServiceDeps, actor: Actor, month: string, note: string) =>
  publishMonth(deps.store.db, actor.scope.centerId, month, note, signedInUser(actor), deps.now());

export const publicationsOf = (deps: ServiceDeps, actor: Actor) => listPublications(deps.store.db, actor.scope.centerId);

/** A published month's ranking as the actor may see it (agents: their own card; team leads: their teams). */
export async function publishedRanking(deps: ServiceDeps, actor: Actor, month: string) {
  const centerId = actor.scope.centerId;
  const publication = await getPublication(deps.store.db, centerId, month);
  if (!publication) throw notFound('publishedRanking', month);
  const cards = await publishedCards(deps.store.db, centerId, month, { scope: actor.scope });
  const now = await currentFigures(
    deps.store.db,
    centerId,
    month,
    cards.map((c) => Number(c.agentId)),
    deps.now(),
  );
  return { publication, cards: await markPublicationChanges(deps.store.db, centerId, month, cards, now) };
}

/** The actor's own scorecard of a published month (default: the latest), rank and items below target. */
export async function myScorecard(deps: ServiceDeps, actor: Actor, q: { month?: string }) {
  const agentId = actor.agentId;
  if (agentId == null) throw forbidden('this page is for agents', { reason: 'role.agentOnly', params: {} });
  const db = deps.store.db;
  const centerId = actor.scope.centerId;
  const months = (await listPublications(db, centerId)).map((x) => x.month);
  const month = q.month ?? months[0];
  if (!month) return { month: null, published: false as const, months: [] };
  const pub = await getPublication(db, centerId, month);
  if (!pub) return { month, published: false as const, months };
  const [published] = await publishedCards(db, centerId, month, { agentIds: [agentId] });
  const [card] = published
    ? await markPublicationChanges(db, centerId, month, [published], await currentFigures(db, centerId, month, [agentId], deps.now()))
    : [];
  const teamSize = card ? (await publishedCards(db, centerId, month, { teamIds: card.teamId ? [Number(card.teamId)] : [] })).length : 0;
  const centerSize = (await publishedCards(db, centerId, month)).length;
  return {
    month,
    published: true as const,
    months,
    publication: { publishedAt: pub.publishedAt, note: pub.note },
    card: card ?? null,
    belowTarget: card ? itemsBelowTarget(card) : [],
    teamSize,
    centerSize,
  };
}

/** Payroll rows with employee numbers, names and team names instead of ids; a missing figure stays "missing". */
function payrollTable(
  cards: (RankedScorecard & { employeeNo: string; name: string })[],
  kpis: KpiDefinition[],
  teams: { id: number; name: string }[],
): CsvCell[][] {
  const rows = payrollRows(cards, kpis);
  const team = (id: CsvCell) => teams.find((t) => String(t.id) === String(id))?.name ?? id;
  return rows.map((r, i) => {
    if (i === 0) return ['employeeNo', 'name', 'team', ...r.slice(2)];
    const c = cards[i - 1]!;
    return [c.employeeNo, c.name, team(r[1]), ...r.slice(2)];
  });
}

/** The payroll table of a published month (what the CSV / XLSX export and `callfloor perf export` write). */
export async function payroll(deps: ServiceDeps, actor: Actor, month: string, field = 'query.month'): Promise<CsvCell[][]> {
  const centerId = actor.scope.centerId;
  const pub = await getPublication(deps.store.db, centerId, month);
  if (!pub)
    throw validationError(field, `${month} is not published yet; payroll uses the published ranking`, { reason: 'perf.monthNotPublished', params: { month } });
  const cards = await publishedCards(deps.store.db, centerId, month);
  return payrollTable(cards, pub.kpis, await listTeams(deps.store.db, { scope: { kind: 'all', centerId } }));
}
