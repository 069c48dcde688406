import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ReturnFacts } from '../../features/returns/ReturnFacts.tsx';
import { useReturn } from '../../features/returns/return-query.ts';
import { usePortalDate } from './portal-dates.ts';

/** One return as the customer follows it: the return form's facts, its state and timeline. */
export function PortalReturnPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const date = usePortalDate();
  const r = useReturn(id);
  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/portal/returns')}
        style={{ paddingLeft: 0 }}
      >
        {t('returns.portal.back')}
      </Button>
      {r.data ? (
        <>
          <h1 className="page-title" data-testid="return-number">
            {r.data.number}
          </h1>
          <ReturnFacts r={r.data} format={(v) => date(v)} />
        </>
      ) : (
        <Spin />
      )}
    </>
  );
}
