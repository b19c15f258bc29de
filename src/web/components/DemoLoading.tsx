import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { contract } from '../../contract/index';

/**
 * "Demo data loading N %" while `callfloor demo` stores its weeks of history in the background
 * (GET /api/health says how far); gone once it is complete. Checks every 5 s, stops when done.
 */
export function DemoLoading() {
  const { t } = useTranslation();
  const [percent, setPercent] = useState<number | null>(null);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const h = await call(contract.platform.health).catch(() => null);
      if (stop) return;
      setPercent(h?.demo ? h.demo.percent : null);
      if (!h || h.demo) timer = setTimeout(() => void check(), 5000);
    };
    void check();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);
  if (percent === null) return null;
  return (
    <div className="hint" role="status" data-testid="demo-loading">
      {t('app.demoLoading', { percent })}
    </div>
  );
}
