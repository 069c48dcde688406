import { Card, Statistic } from 'antd';
import { Link } from 'react-router';
import { WORKBENCH_COUNT_CAP } from '../../../../../common/workbench-api.ts';

/** A live figure that opens the list behind it. */
export function CountTile({
  label,
  value,
  to,
  testId,
  danger,
  suffix,
}: {
  label: string;
  value: number | string;
  to: string;
  testId: string;
  danger?: boolean;
  suffix?: string;
}) {
  // The server counts up to the cap and one more: beyond it the tile says "1000+".
  const shown = typeof value === 'number' && value > WORKBENCH_COUNT_CAP ? `${WORKBENCH_COUNT_CAP}+` : value;
  return (
    <Link to={to} data-testid={testId} className="count-tile" aria-label={`${label} ${shown}${suffix ?? ''}`}>
      <Card size="small" hoverable>
        <Statistic
          title={label}
          value={shown}
          suffix={suffix}
          valueStyle={danger && value !== 0 ? { color: '#cf1322' } : undefined}
        />
      </Card>
    </Link>
  );
}

export function TileRow({ children }: { children: React.ReactNode }) {
  return <div className="count-tiles">{children}</div>;
}
