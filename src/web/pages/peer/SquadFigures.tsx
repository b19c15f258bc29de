import { useTranslation } from 'react-i18next';
import { Raw } from '../../components/ui';
import { fmtFact } from '../../components/facts';

/** The figures the squad tables show, in this order. */
export const SQUAD_FIGURES = ['handled', 'aht', 'qaScore', 'adherence', 'csat'] as const;

/** A figure as the peer pages show it: formatted for its kind, a dash where there is none. */
export const figureText = (kpi: string, v: number | null | undefined) => (v == null ? '—' : fmtFact(kpi, v));

type Figures = Record<string, number | null>;

/**
 * A squad's figures per agent (GET /api/peer/squads/:id/figures): a row an agent, headed by the month or the day
 * they are of, and with `total` the squad's row (its agents together) below.
 */
export function SquadFiguresTable({
  head,
  agents,
  total,
  testId,
}: {
  head: string;
  agents: { agentId: number; name: string; figures: Figures }[];
  total?: Figures;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>{head}</th>
            {SQUAD_FIGURES.map((k) => (
              <th key={k}>{t(`facts.figures.${k}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.agentId}>
              <td>
                <Raw>{a.name}</Raw>
              </td>
              {SQUAD_FIGURES.map((k) => (
                <td key={k}>{figureText(k, a.figures[k])}</td>
              ))}
            </tr>
          ))}
          {total && (
            <tr data-testid="squad-total">
              <th>{t('squad.total')}</th>
              {SQUAD_FIGURES.map((k) => (
                <td key={k}>{figureText(k, total[k])}</td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
