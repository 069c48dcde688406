import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

export function LoadMore({
  hasMore,
  loading,
  onClick,
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 12 }}>
      <Button onClick={onClick} loading={loading} data-testid="load-more">
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
