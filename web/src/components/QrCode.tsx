import { useMemo } from 'react';
import { qrMatrix } from '../../../common/qr-code.ts';

/**
 * A QR code drawn as one SVG path (the same encoder as the printed labels and certificates), with a
 * white quiet zone, scaled to `size` pixels. `label` is what a screen reader says instead of the squares.
 */
export function QrCode({ text, size = 240, label }: { text: string; size?: number; label: string }) {
  const { d, n } = useMemo(() => {
    const m = qrMatrix(text);
    const quiet = 4;
    let path = '';
    m.forEach((row, r) => {
      row.forEach((dark, c) => {
        if (dark) path += `M${c + quiet} ${r + quiet}h1v1h-1z`;
      });
    });
    return { d: path, n: m.length + 2 * quiet };
  }, [text]);
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${n} ${n}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      style={{ background: '#fff', display: 'block' }}
    >
      <path d={d} fill="#000" />
    </svg>
  );
}
