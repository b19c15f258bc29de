import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workOrderReport } from './report';
import type { HistoryEntry, WorkOrder } from './workflow';

const h = (seq: number, at: string, transition: string, from: string | null, to: string, assignee?: string): HistoryEntry => ({
  seq,
  at,
  actorId: '1',
  role: 'duty_manager',
  transition,
  from,
  to,
  note: '',
  ...(assignee ? { assignee } : {}),
});
const base = { priority: 'normal' as const, description: '', raisedBy: '9', title: 't' };

test('report: volume, time to close, SLA outcomes, department waits', () => {
  const orders: WorkOrder[] = [
    {
      ...base,
      id: 'e1',
      type: 'escalation',
      state: 'closed',
      category: '賬務',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T10:00:00Z',
      closedAt: '2026-01-01T10:00:00Z',
      history: [
        h(1, '2026-01-01T00:00:00Z', 'create', null, 'draft'),
        h(2, '2026-01-01T00:00:00Z', 'submit', 'draft', 'expert'),
        h(3, '2026-01-01T01:00:00Z', 'escalate', 'expert', 'duty_manager'),
        h(4, '2026-01-01T02:00:00Z', 'send_to_business', 'duty_manager', 'business_dept', 'dept:1'),
        h(5, '2026-01-01T08:00:00Z', 'feedback', 'business_dept', 'feedback'),
        h(6, '2026-01-01T10:00:00Z', 'close', 'feedback', 'closed'),
      ],
    },
    {
      ...base,
      id: 'e2',
      type: 'escalation',
      state: 'closed',
      category: '賬務',
      createdAt: '2026-01-02T00:00:00Z',
      updatedAt: '2026-01-02T02:00:00Z',
      closedAt: '2026-01-02T02:00:00Z',
      history: [h(1, '2026-01-02T00:00:00Z', 'create', null, 'draft'), h(2, '2026-01-02T02:00:00Z', 'withdraw', 'draft', 'withdrawn')],
    },
    {
      ...base,
      id: 'c1',
      type: 'complaint',
      state: 'business_dept',
      category: '服務態度',
      createdAt: '2026-01-03T00:00:00Z',
      updatedAt: '2026-01-03T01:00:00Z',
      history: [
        h(1, '2026-01-03T00:00:00Z', 'create', null, 'open'),
        h(2, '2026-01-03T00:00:00Z', 'accept', 'open', 'in_progress'),
        h(3, '2026-01-03T01:00:00Z', 'send_to_business', 'in_progress', 'business_dept', 'dept:2'),
      ],
    },
  ];
  // now = 2026-01-04T01:00Z: c1 has been with dept 2 for 24 h; normal complaint SLA is 2 days → warning window starts at 44 h; 25 h in → ok
  const r = workOrderReport(orders, '2026-01-04T01:00:00Z');
  assert.deepEqual(r.volume, [
    { type: 'complaint', category: '服務態度', count: 1 },
    { type: 'escalation', category: '賬務', count: 2 },
  ]);
  // closed after 10 h and 2 h
  assert.deepEqual(r.timeToClose, [{ type: 'escalation', closed: 2, avgHours: 6, medianHours: 6 }]);
  // normal escalation: 8 h → e1 (10 h) missed, e2 (2 h) met
  assert.deepEqual(r.sla, [
    { type: 'complaint', met: 0, missed: 0, openBreached: 0, openWarning: 0 },
    { type: 'escalation', met: 1, missed: 1, openBreached: 0, openWarning: 0 },
  ]);
  // dept 2 holds c1 for 24 h (still open); dept 1 held e1 for 6 h
  assert.deepEqual(r.waits, [
    { assignee: 'dept:2', orders: 1, totalHours: 24, avgHours: 24 },
    { assignee: 'dept:1', orders: 1, totalHours: 6, avgHours: 6 },
  ]);
});
