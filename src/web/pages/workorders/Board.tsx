import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract, topics } from '../../../contract/index';
import { topicName } from '../../../contract/endpoint';
import type { WoConfig } from '../../../contract/workorders';
import { WORK_ORDER_TYPES, type Priority, type WorkOrderType } from '../../../core/workorders/index';
import { AgentSelect, ErrorNote, Page } from '../../components/ui';
import { useMe } from '../../session';
import { hashParam } from '../kb/Highlight';
import { OrderDetail } from './Detail';
import { fmtDateTime, fromCenterInput } from '../../format';

const SLA_CLASS: Record<string, string> = { ok: 'ok', met: 'ok', warning: 'warn', breached: 'bad', missed: 'bad' };

/** Work-order list / board with SLA colours, live updates and the new-order form (personal notifications: the top-bar bell). `?id=` opens one order. */
export default function Board() {
  const { t } = useTranslation();
  const me = useMe();
  const [filter, setFilter] = useState<{ type: WorkOrderType | ''; scope: 'open' | 'mine' | 'all' }>({ type: '', scope: 'open' });
  const [orderId, setOrderId] = useState(() => Number(hashParam('id')) || null);
  // open / mine only when chosen: the query coerces any value it is given to true
  const query = {
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.scope === 'open' ? { open: true } : filter.scope === 'mine' ? { mine: true } : {}),
  };
  const list = useEndpoint(contract.workorders.list, { query });
  const config = useEndpoint(contract.workorders.config, {});
  const [alerts, setAlerts] = useState<string[]>([]);
  const [showNew, setShowNew] = useState(false);

  useEffect(() => {
    const on = () => setOrderId(Number(hashParam('id')) || null);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  // back from an order's page: the board stayed mounted behind it with the list it had, so read it again
  // (the order may have been moved, answered or closed there)
  const shownOrder = useRef(orderId);
  useEffect(() => {
    if (shownOrder.current && !orderId) void list.reload();
    shownOrder.current = orderId;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderId]);
  useEffect(() => {
    // staff follow the board; everyone their own notices (an agent's orders move there)
    const staff = me.roles.some((r) => r !== 'agent');
    const names = [topicName(topics.user, { userId: me.id }), ...(staff ? [topicName(topics.workorders)] : [])];
    return subscribe(names, (e) => {
      if (e.kind === 'workorders' && e.data.kind === 'sla') {
        const sla = e.data;
        setAlerts((a) => [`${t('wo.slaAlert', { id: sla.id, title: sla.title })} (${t(`wo.slaStatus.${sla.level}`)})`, ...a].slice(0, 5));
      }
      if (e.kind === 'workorders' || (e.kind === 'user' && e.data.type === 'notification')) void list.reload();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me.id, JSON.stringify(query)]);

  if (orderId) return <OrderDetail id={orderId} onBack={() => (location.hash = '#/wo/board')} />;

  return (
    <Page title={t('nav.woBoard')} actions={<button onClick={() => setShowNew(!showNew)}>{t('wo.newOrder')}</button>}>
      {alerts.map((a, i) => (
        <div key={i} className="error" role="status" data-testid="sla-alert">
          {a}
        </div>
      ))}
      {showNew && config.data && (
        <NewOrder
          config={config.data}
          onDone={(id) => {
            setShowNew(false);
            location.hash = `#/wo/board?id=${id}`;
          }}
        />
      )}
      <div className="form-row">
        <select aria-label={t('wo.type')} value={filter.type} onChange={(e) => setFilter({ ...filter, type: e.target.value as WorkOrderType | '' })}>
          <option value="">{t('wo.all')}</option>
          {WORK_ORDER_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`wo.types.${x}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('wo.show')} value={filter.scope} onChange={(e) => setFilter({ ...filter, scope: e.target.value as 'open' | 'mine' | 'all' })}>
          <option value="open">{t('wo.open')}</option>
          <option value="mine">{t('wo.mine')}</option>
          <option value="all">{t('wo.all')}</option>
        </select>
      </div>
      <ErrorNote error={list.error} />
      <table data-testid="wo-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('wo.type')}</th>
            <th>{t('wo.title')}</th>
            <th>{t('wo.state')}</th>
            <th>{t('wo.priority')}</th>
            <th>{t('wo.raisedBy')}</th>
            <th>{t('wo.agent')}</th>
            <th>{t('wo.sla')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((o) => (
            <tr key={o.id} data-order={o.id}>
              <td>
                <a href={`#/wo/board?id=${o.id}`} data-opens="work-order">
                  #{o.id}
                </a>
              </td>
              <td>{t(`wo.types.${o.type}`)}</td>
              <td>
                <a href={`#/wo/board?id=${o.id}`}>{o.title}</a> {o.repeat_complainer ? <span className="badge bad">{t('wo.repeat')}</span> : null}
              </td>
              <td>{t(`wo.states.${o.state}`)}</td>
              <td>{t(`wo.priorities.${o.priority}`)}</td>
              <td>{o.raised_by_name}</td>
              <td data-testid="wo-agent">
                {o.type === 'complaint' && o.agent_name ? o.agent_name : ''}{' '}
                {o.type === 'complaint' && o.verdict ? (
                  <span className={`badge ${o.verdict === 'upheld' ? 'bad' : ''}`} data-verdict={o.verdict}>
                    {t(`wo.verdicts.${o.verdict}`)}
                  </span>
                ) : null}
              </td>
              <td className={SLA_CLASS[o.sla.status]} data-sla={o.sla.status}>
                {t(`wo.slaStatus.${o.sla.status}`)} · {fmtDateTime(o.sla.dueAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

function NewOrder({ config, onDone }: { config: WoConfig; onDone: (id: number) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    type: 'escalation' as WorkOrderType,
    priority: 'normal' as Priority,
    category: '',
    title: '',
    description: '',
    customerId: '',
    customerPhone: '',
    callId: '',
    address: '',
    appointment: '',
    agentId: '',
  });
  const agents = useEndpoint(contract.platform.agents, { query: { status: 'active' } });
  const [error, setError] = useState<string | null>(null);
  const cats: readonly string[] = config.categories[f.type] ?? [];
  const submit = async () => {
    try {
      const appointmentFrom = f.appointment ? fromCenterInput(f.appointment) : Date.now() + 3_600_000;
      const r = await call(contract.workorders.create, {
        body: {
          type: f.type,
          priority: f.priority,
          category: f.category || cats[0] || '',
          title: f.title,
          description: f.description,
          ...(f.customerId ? { customerId: f.customerId } : {}),
          ...(f.customerPhone ? { customerPhone: f.customerPhone } : {}),
          ...(f.callId ? { callId: f.callId } : {}),
          ...(f.type === 'complaint' && f.agentId ? { agentId: Number(f.agentId) } : {}),
          ...(f.type === 'dispatch' ? { dispatch: { address: f.address, appointmentFrom, appointmentTo: appointmentFrom + 2 * 3_600_000 } } : {}),
        },
      });
      onDone(r.id);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const field = (name: keyof typeof f, label: string, type = 'text') => (
    <label>
      {label}
      <input name={name} type={type} value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} />
    </label>
  );
  return (
    <div className="form-grid" data-testid="wo-new">
      <label>
        {t('wo.type')}
        <select name="type" value={f.type} onChange={(e) => setF({ ...f, type: e.target.value as WorkOrderType, category: '' })}>
          {WORK_ORDER_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`wo.types.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('wo.priority')}
        <select name="priority" value={f.priority} onChange={(e) => setF({ ...f, priority: e.target.value as Priority })}>
          {config.priorities.map((p) => (
            <option key={p} value={p}>
              {t(`wo.priorities.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('wo.category')}
        <select name="category" value={f.category || cats[0]} onChange={(e) => setF({ ...f, category: e.target.value })}>
          {cats.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      {field('title', t('wo.title'))}
      {field('description', t('wo.description'))}
      {(f.type === 'complaint' || f.type === 'callback' || f.type === 'dispatch') && field('customerId', t('wo.customer'))}
      {(f.type === 'complaint' || f.type === 'callback' || f.type === 'dispatch') && field('customerPhone', t('wo.phone'))}
      {f.type === 'complaint' && field('callId', t('wo.callId'))}
      {f.type === 'complaint' && (
        <label>
          {t('wo.agent')}
          <AgentSelect
            name="agentId"
            value={f.agentId}
            options={(agents.data ?? []).map((a) => ({ id: a.id, label: a.ext_code ? `${a.name} (${a.ext_code})` : a.name }))}
            none={t('wo.agentFromCall')}
            onChange={(agentId) => setF({ ...f, agentId })}
          />
        </label>
      )}
      {f.type === 'dispatch' && field('address', t('wo.address'))}
      {f.type === 'dispatch' && field('appointment', t('wo.appointment'), 'datetime-local')}
      <button onClick={() => void submit()} disabled={!f.title.trim()}>
        {t('wo.create')}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}
