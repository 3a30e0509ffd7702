import { useEffect, useRef } from 'react';
// Tree-shaken ECharts: only the bar chart, its axes and tooltip, drawn on canvas. ECharts never evaluates
// strings as code, so it runs under the app's `script-src 'self'` CSP; it is bundled, so it works offline.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: (number | null)[];
}

/** A grouped bar chart (minutes per category and stage). Resizes with its box. */
export function KpiChart({
  labels,
  series,
  testId,
}: {
  labels: string[];
  series: BarSeries[];
  testId: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => c.resize());
    ro?.observe(ref.current);
    return () => {
      ro?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0, textStyle: { color: '#c9d3df' } },
        grid: { left: 48, right: 12, top: 32, bottom: 64 },
        xAxis: {
          type: 'category',
          data: labels,
          axisLabel: { color: '#c9d3df', rotate: labels.length > 6 ? 30 : 0, interval: 0 },
        },
        yAxis: {
          type: 'value',
          name: 'min',
          axisLabel: { color: '#c9d3df' },
          nameTextStyle: { color: '#c9d3df' },
        },
        series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values })),
      },
      true,
    );
  }, [labels, series]);
  return <div ref={ref} className="kpi-chart" data-testid={testId} />;
}
