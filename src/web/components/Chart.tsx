import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/** An Apache ECharts chart that follows its option and resizes with its box. */
export function Chart({ option, height = 300, testId }: { option: echarts.EChartsOption; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    chart.current = echarts.init(el.current!);
    const ro = new ResizeObserver(() => chart.current?.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
