import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TReturnStatus } from '../../../../common/returns-api.ts';

const COLOR: Record<TReturnStatus, string> = {
  requested: 'blue',
  awaiting_approval: 'orange',
  approved: 'cyan',
  completed: 'green',
  refused: 'red',
  training: 'purple',
  rejected: 'red',
};

export function ReturnStatusTag({ status }: { status: TReturnStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="return-status">
      {t(`returns.statuses.${status}`)}
    </Tag>
  );
}
