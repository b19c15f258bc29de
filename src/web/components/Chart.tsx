import { lazy, Suspense } from 'react';
import type { EChartsOption } from 'echarts';

export interface ChartProps {
  option: EChartsOption;
  height?: number;
  testId?: string;
}

// The chart library is fetched when the first chart is drawn, not with the page (issue 16: the wallboard's
// first tiles do not wait for it).
const EChart = lazy(() => import('./EChart'));

/** A chart; until its code has arrived, an empty box of the same height so the page does not jump. */
export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<div style={{ width: '100%', height: props.height ?? 300 }} data-testid={props.testId ? `${props.testId}-loading` : undefined} />}>
      <EChart {...props} />
    </Suspense>
  );
}
