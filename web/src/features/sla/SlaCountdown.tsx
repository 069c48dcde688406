import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_WARNING_MS } from '../../../../common/durations.ts';
import { formatDuration, useNow } from './use-now.ts';

/**
 * A live countdown to a deadline: green while there is time, orange from the warning on (or in the
 * last quarter hour when no warning time is known), red once breached — with the time over.
 */
export function SlaCountdown({
  dueAt,
  warnAt,
  breached,
}: {
  dueAt: string | null;
  warnAt?: string | null;
  breached?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  if (!dueAt) return breached ? <Tag color="red">{t('sla.breached')}</Tag> : <span>—</span>;
  const due = new Date(dueAt).getTime();
  const left = Math.round((due - now) / 1000);
  const warn = warnAt ? new Date(warnAt).getTime() : due - DEFAULT_WARNING_MS;
  const over = left <= 0;
  const color = over || breached ? 'red' : now >= warn ? 'orange' : 'green';
  return (
    <Tooltip title={`${t('sla.due')} ${new Date(dueAt).toLocaleString(i18n.language)}`}>
      <Tag color={color} data-testid="sla-countdown" data-state={color}>
        {over
          ? t('sla.overBy', { time: formatDuration(-left) })
          : t('sla.left', { time: formatDuration(left) })}
      </Tag>
    </Tooltip>
  );
}
