import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LoadMore } from '../../components/LoadMore.tsx';
import { ReturnRequestForm } from '../../features/returns/ReturnRequestForm.tsx';
import { ReturnStatusTag } from '../../features/returns/ReturnStatusTag.tsx';
import { useReturns } from '../../features/returns/returns-query.ts';
import { usePortalDate } from './portal-dates.ts';

/** The customer's returns as cards (a phone shows them without sideways scrolling), and a new request. */
export function PortalReturnsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const date = usePortalDate();
  const [asking, setAsking] = useState(false);
  const list = useReturns({});
  return (
    <>
      <div className="portal-page-head">
        <h1 className="page-title">{t('returns.portal.title')}</h1>
        {!asking && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAsking(true)}
            data-testid="portal-return-new"
          >
            {t('returns.portal.new')}
          </Button>
        )}
      </div>
      {asking && (
        <div className="portal-card" style={{ marginBottom: 16 }}>
          <ReturnRequestForm
            staff={false}
            canOverride={false}
            onCreated={(r) => navigate(`/portal/returns/${r.id}`)}
          />
        </div>
      )}
      {list.isLoading ? (
        <Spin />
      ) : list.items.length === 0 ? (
        <Empty description={t('returns.portal.noneYet')} />
      ) : (
        <div className="portal-cards" data-testid="portal-return-cards">
          {list.items.map((r) => (
            <Link
              key={r.id}
              to={`/portal/returns/${r.id}`}
              className="portal-card"
              data-testid="portal-return-card"
            >
              <div className="portal-card-head">
                <b>{r.number}</b>
                <ReturnStatusTag status={r.status} />
              </div>
              <div className="portal-card-title">
                {r.productName} · {r.serial}
              </div>
              <div className="portal-card-meta">
                {t('returns.requestedAt')}: {date(r.createdAt)}
                {r.outcome ? ` · ${t(`returns.outcomes.${r.outcome}`)}` : ''}
              </div>
            </Link>
          ))}
        </div>
      )}
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}
