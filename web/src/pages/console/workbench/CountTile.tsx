import { Card, Statistic } from 'antd';
import { Link } from 'react-router';

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
  return (
    <Link to={to} data-testid={testId} className="count-tile" aria-label={`${label} ${value}${suffix ?? ''}`}>
      <Card size="small" hoverable>
        <Statistic
          title={label}
          value={value}
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
