import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * An ECharts chart, loaded on first use (dynamic import: its own chunk). `onClick` receives the index
 * of the clicked data point (the drill-down).
 */
export function Chart({
  option,
  height = 280,
  onClick,
  label,
}: {
  option: EChartsCoreOption;
  height?: number;
  onClick?: (dataIndex: number) => void;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | null = null;
    void import('./echarts-setup.ts').then(({ echarts }) => {
      if (disposed || !ref.current) return;
      const chart = echarts.init(ref.current);
      chart.setOption(option);
      chart.on('click', (p) => {
        if (typeof p.dataIndex === 'number') clickRef.current?.(p.dataIndex);
      });
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
