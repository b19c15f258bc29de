/**
 * Import (issue 14): upload a queue_log, CSV or JSONL file with a progress bar, then the result —
 * lines read, events stored, duplicates, rejected lines each with its number and reason — and a
 * link to the imported period in History. Progress: the upload's bytes (XMLHttpRequest), and the
 * server's own (lines, events/s, ETA) polled by a job id this page chooses, since the server parses
 * and stores while the file arrives.
 */
import { useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, call, upload } from '../../api';
import { useAction } from '../../hooks';
import { contract } from '../../../contract/index';
import type { ResponseOf } from '../../../contract/endpoint';
import { IMPORT_FORMATS } from '../../../core/live/names';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Page } from '../../components/ui';
import { centerToday } from '../../format';

type Report = ResponseOf<typeof contract.liveIngest.importFile>;
type Progress = ResponseOf<typeof contract.liveIngest.importProgress>;
type Reject = Report['rejected'][number];

const FORMATS = ['auto', ...IMPORT_FORMATS] as const;

/** A job id the server keys the progress by (getRandomValues works on plain http too). */
const newJobId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The center's calendar day of a time (the History page reads from/to as days). */
const day = (ts: number) => centerToday(ts);

export default function Import() {
  const { t, i18n } = useTranslation();
  const act = useAction();
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('auto');
  const [tz, setTz] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [server, setServer] = useState<Progress | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);

  const start = async () => {
    if (!file) return;
    setBusy(true);
    setReport(null);
    setServer(null);
    setSent({ sent: 0, total: file.size });
    const job = newJobId();
    poll.current = setInterval(() => {
      call(contract.liveIngest.importProgress, { params: { job } })
        .then((p) => {
          if (p.state !== 'waiting') setServer(p);
        })
        .catch(() => {}); // progress is a courtesy: the upload's own answer says what happened
    }, 500);
    await act.run(async () => {
      try {
        const query = { format, job, ...(tz.trim() ? { tz: tz.trim() } : {}) };
        setReport(await upload(contract.liveIngest.importFile, { query }, file, (s, total) => setSent({ sent: s, total })));
      } finally {
        if (poll.current) clearInterval(poll.current);
        poll.current = null;
        setBusy(false);
      }
    });
  };

  const reasonOf = (r: Reject) => {
    if (r.code) {
      // time-window reasons name an event id elsewhere; on a line, the line says which
      const key = r.code.startsWith('event.ts') ? `imp.reason.${r.code.slice('event.'.length)}` : `errors.${r.code}`;
      if (i18n.exists(key)) return t(key, { ...(r.params ?? {}) });
    }
    return r.reason;
  };

  // a wrong format: said with the formats' names, and what the file looks like
  const f = act.failure instanceof ApiError ? act.failure : null;
  const fileError =
    f?.reason === 'import.wrongFormat' && typeof f.params?.format === 'string'
      ? [
          t('imp.wrongFormat', { format: t(`imp.formats.${f.params.format}`) }),
          f.params.detected ? t('imp.detected', { format: t(`imp.formats.${String(f.params.detected)}`) }) : '',
        ]
          .filter(Boolean)
          .join(' · ')
      : (act.errorFor('file') ?? act.errorFor('body'));
  const eta = (s: number) => (s >= 60 ? t('imp.etaMin', { min: Math.floor(s / 60), sec: s % 60 }) : t('imp.etaSec', { sec: s }));
  const uploadedAll = sent && sent.sent >= sent.total;

  return (
    <Page title={t('imp.nav')}>
      <p>{t('imp.intro')}</p>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <FieldRow>
          <Field label={t('imp.format')} error={act.errorFor('format')}>
            <select
              name="format"
              style={{ maxWidth: '100%' }}
              value={format}
              onChange={(e) => setFormat(e.target.value as (typeof FORMATS)[number])}
              disabled={busy}
            >
              {FORMATS.map((x) => (
                <option key={x} value={x}>
                  {t(`imp.formats.${x}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('imp.tz')}
            hint={
              <Trans i18nKey="imp.tzHint" values={{ example: i18n.language === 'zh-TW' ? 'Asia/Taipei' : 'Asia/Shanghai' }} components={{ code: <code /> }} />
            }
            error={act.errorFor('tz')}
          >
            <input name="tz" value={tz} onChange={(e) => setTz(e.target.value)} disabled={busy} />
          </Field>
          <Field label={t('imp.file')} error={fileError} wide>
            <input name="file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} disabled={busy} />
          </Field>
        </FieldRow>
        <button type="submit" disabled={!file || busy}>
          {t('imp.start')}
        </button>
        <ErrorNote error={act.errorOutside(['format', 'tz', 'file', 'body'])} />
      </form>

      {busy && sent ? (
        <div className="card" data-testid="import-progress">
          <div>{uploadedAll ? t('imp.processing') : t('imp.uploading')}</div>
          <progress max={sent.total || 1} value={sent.sent} style={{ width: '100%' }} />
          <div>{t('imp.sent', { sent: mb(sent.sent), total: mb(sent.total) })}</div>
          {server ? (
            <div>
              {t('imp.serverProgress', { lines: server.lines, stored: server.eventsStored, rate: server.eventsPerS })}
              {server.etaS !== null ? ` · ${t('imp.eta', { eta: eta(server.etaS) })}` : ''}
            </div>
          ) : null}
        </div>
      ) : null}

      {report ? <Result report={report} reasonOf={reasonOf} /> : null}
    </Page>
  );
}

function Result({ report, reasonOf }: { report: Report; reasonOf: (r: Reject) => string }) {
  const { t } = useTranslation();
  const unknown = Object.entries(report.unknownEvents);
  return (
    <div className="card" data-testid="import-result">
      <h2>{t('imp.result')}</h2>
      <div className="cards">
        <div className="card">
          <div>{t('imp.linesRead')}</div>
          <strong data-testid="lines-read">{report.linesRead}</strong>
        </div>
        <div className="card">
          <div>{t('imp.eventsStored')}</div>
          <strong data-testid="events-stored">{report.eventsStored}</strong>
        </div>
        <div className="card">
          <div>{t('imp.duplicates')}</div>
          <strong data-testid="duplicates">{report.duplicates}</strong>
        </div>
        <div className="card">
          <div>{t('imp.rejectedTotal')}</div>
          <strong data-testid="rejected-total">{report.rejectedTotal}</strong>
        </div>
      </div>
      <h3>{t('imp.rejected')}</h3>
      {report.rejected.length ? (
        <ul data-testid="rejected">
          {report.rejected.map((r, i) => (
            <li key={i}>{t('imp.lineReason', { line: r.line, reason: reasonOf(r) })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('imp.noRejects')}</p>
      )}
      {report.rejectedTotal > report.rejected.length ? <p>{t('imp.moreRejected', { count: report.rejectedTotal - report.rejected.length })}</p> : null}
      {unknown.length ? <p>{t('imp.unknownEvents', { list: unknown.map(([k, n]) => `${k} ×${n}`).join(' · ') })}</p> : null}
      {report.firstTs !== null && report.lastTs !== null ? (
        <p>
          <a data-testid="open-history" href={`#/history?from=${day(report.firstTs)}&to=${day(report.lastTs)}`}>
            {t('imp.openHistory', { from: day(report.firstTs), to: day(report.lastTs) })}
          </a>
        </p>
      ) : (
        <p>{t('imp.noPeriod')}</p>
      )}
    </div>
  );
}
