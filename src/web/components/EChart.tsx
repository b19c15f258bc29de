import { useEffect, useRef } from 'react';
// Only what the pages draw (line and bar charts with grid, tooltip, legend, title, zoom and mark lines),
// so the chart code is a fraction of all of ECharts; loaded lazily by Chart.tsx, off every page's critical path.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartProps } from './Chart';

echarts.use([BarChart, LineChart, DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** An Apache ECharts chart that follows its option and resizes with its box. */
export default function EChart({ option, height = 300, testId }: ChartProps) {
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
    let live = true;
    // canvas text does not follow CSS: ECharts draws with the page's font stack, the shipped CJK font included
    const family = getComputedStyle(document.documentElement).fontFamily;
    el.current!.dataset.fontFamily = family;
    const own = (option as { textStyle?: object }).textStyle;
    const draw = () => {
      if (live) chart.current?.setOption({ ...(option as object), textStyle: { fontFamily: family, ...own } } as echarts.EChartsCoreOption, true);
    };
    draw();
    // the shipped font arrives in unicode-range slices as the page's text needs them: fetch the slices of the
    // chart's own words (legend, axes, series), then draw again, so no word is left in empty boxes
    const text = [...new Set(wordsOf(option).join(''))].join('');
    const faces = family
      .split(',')
      .map((f) => f.trim())
      .filter((f) => /^["']?Noto Sans (SC|TC)["']?$/.test(f));
    if (text && faces.length && 'fonts' in document) void Promise.all(faces.map((f) => document.fonts.load(`12px ${f}`, text))).then(draw, () => undefined);
    return () => {
      live = false;
    };
  }, [option]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}

/** Every string in a chart option (names, labels, categories): the words the chart will draw. */
function wordsOf(o: unknown, out: string[] = []): string[] {
  if (typeof o === 'string') out.push(o);
  else if (Array.isArray(o)) for (const x of o) wordsOf(x, out);
  else if (o && typeof o === 'object') for (const v of Object.values(o)) wordsOf(v, out);
  return out;
}
