import { App, Button, Card, InputNumber, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { TCountLine } from '../../../../common/parts-api.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useEnterCounts } from '../../features/parts/stock-count-lines-mutation.ts';
import { useStockCount } from '../../features/parts/stock-count-query.ts';
import { useStockCountStep } from '../../features/parts/stock-count-step-mutation.ts';
import { yuan } from '../../features/parts/yuan.ts';

/** 盘点: one line per part and batch, big inputs for a phone; then the variance report and approval. */
const lineKey = (l: TCountLine) => `${l.partId}:${l.batchId}:${l.condition}`;

export function StockCountPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const count = useStockCount(id);
  const [entered, setEntered] = useState<Record<string, number | null>>({});
  const save = useEnterCounts(id);
  const step = useStockCountStep(id, count.data?.version);
  const stepTo = (action: 'submit' | 'approve' | 'cancel') =>
    step.mutate(action, { onError: (err) => message.error(err.message) });
  if (!count.data) return <Spin />;
  const c = count.data;
  const pending = c.lines.flatMap((l) => {
    const counted = entered[lineKey(l)];
    return counted === null || counted === undefined
      ? []
      : [{ partId: l.partId, batchId: l.batchId, condition: l.condition, counted }];
  });
  return (
    <>
      <h1 className="page-title">
        {t('parts.count')} <Tag data-testid="count-status">{t(`parts.countStatus.${c.status}`)}</Tag>
      </h1>
      {c.status === 'open' && (
        <Card>
          <List
            dataSource={c.lines}
            renderItem={(l) => (
              <List.Item data-testid={`count-line-${l.partNumber}`}>
                <div style={{ flex: 1 }}>
                  <Typography.Text strong>{l.partNumber}</Typography.Text> {l.partName}
                  <div style={{ color: '#4b5563' }}>
                    {l.batchCode} · {t(`parts.conditions.${l.condition}`)} · {t('parts.expected')}{' '}
                    {l.expected} {l.unit}
                  </div>
                </div>
                <InputNumber
                  min={0}
                  size="large"
                  style={{ width: 110 }}
                  inputMode="numeric"
                  value={entered[lineKey(l)] ?? l.counted ?? undefined}
                  onChange={(v) => setEntered((e) => ({ ...e, [lineKey(l)]: v }))}
                  aria-label={`${l.partNumber} ${l.batchCode}`}
                  data-testid="count-input"
                />
              </List.Item>
            )}
          />
          <Space wrap style={{ marginTop: 12 }}>
            <Button
              size="large"
              type="primary"
              disabled={!pending.length}
              loading={save.isPending}
              data-testid="count-save"
              onClick={() =>
                save.mutate(pending, {
                  onSuccess: () => {
                    setEntered({});
                    message.success(t('common.saved'));
                  },
                  onError: (err) => message.error(err.message),
                })
              }
            >
              {t('common.save')}
            </Button>
            <Button
              size="large"
              disabled={c.uncounted > 0}
              onClick={() => stepTo('submit')}
              data-testid="count-submit"
            >
              {t('parts.submitCount')} {c.uncounted > 0 && `(${c.uncounted})`}
            </Button>
            <Button size="large" danger onClick={() => stepTo('cancel')}>
              {t('parts.cancelCount')}
            </Button>
          </Space>
        </Card>
      )}
      <Card title={t('parts.variance')} style={{ marginTop: 16 }}>
        <Table
          rowKey={lineKey}
          size="small"
          pagination={false}
          dataSource={c.variance}
          scroll={{ x: 600 }}
          data-testid="count-variance"
          locale={{ emptyText: t('parts.noVariance') }}
          columns={[
            { title: t('parts.partNumber'), dataIndex: 'partNumber' },
            { title: t('parts.batch'), dataIndex: 'batchCode' },
            { title: t('parts.expected'), dataIndex: 'expected' },
            { title: t('parts.counted'), dataIndex: 'counted' },
            {
              title: t('parts.varianceQty'),
              dataIndex: 'variance',
              render: (v: number) => <Tag color={v < 0 ? 'red' : 'green'}>{v > 0 ? `+${v}` : v}</Tag>,
            },
            { title: t('parts.varianceValue'), dataIndex: 'valueFen', render: yuan },
          ]}
        />
        {c.status === 'submitted' && me?.permissions.includes('stock.approve') && (
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            onClick={() => stepTo('approve')}
            data-testid="count-approve"
          >
            {t('parts.approveCount')}
          </Button>
        )}
      </Card>
    </>
  );
}
