import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { partsKey, yuan } from '../../features/parts/parts-query.ts';

interface Line {
  partId: string;
  partNumber: string;
  partName: string;
  unit: string;
  batchId: string;
  batchCode: string;
  condition: 'good' | 'defective';
  expected: number;
  counted: number | null;
}
interface Count {
  id: string;
  status: 'open' | 'submitted' | 'approved' | 'cancelled';
  version: number;
  lines: Line[];
  variance: (Line & { variance: number; valueFen: number })[];
  uncounted: number;
}

/** 盘点: one line per part and batch, big inputs for a phone; then the variance report and approval. */
export function StockCountPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: me } = useMe();
  const key = [partsKey, 'count', id];
  const count = useQuery({ queryKey: key, queryFn: () => api.get<Count>(`/api/v1/stock/counts/${id}`) });
  const [entered, setEntered] = useState<Record<string, number | null>>({});
  const refresh = (c: Count) => {
    client.setQueryData(key, c);
    client.invalidateQueries({ queryKey: [partsKey] });
  };
  const save = useMutation({
    mutationFn: (lines: { partId: string; batchId: string; condition: string; counted: number }[]) =>
      api.patch<Count>(`/api/v1/stock/counts/${id}/lines`, { lines }),
    onSuccess: (c) => {
      setEntered({});
      refresh(c);
      message.success(t('common.saved'));
    },
    onError: (err) => message.error((err as Error).message),
  });
  const step = useMutation({
    mutationFn: (action: 'submit' | 'approve' | 'cancel') =>
      api.post<Count>(`/api/v1/stock/counts/${id}/${action}`, { version: count.data!.version }, false),
    onSuccess: refresh,
    onError: (err) => message.error((err as Error).message),
  });
  if (!count.data) return <Spin />;
  const c = count.data;
  const lineKey = (l: Line) => `${l.partId}:${l.batchId}:${l.condition}`;
  const pending = Object.entries(entered).filter(([, v]) => v !== null && v !== undefined);
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
                  <div style={{ color: '#888' }}>
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
                save.mutate(
                  pending.map(([k, v]) => {
                    const [partId, batchId, condition] = k.split(':') as [string, string, string];
                    return { partId, batchId, condition, counted: v as number };
                  }),
                )
              }
            >
              {t('common.save')}
            </Button>
            <Button
              size="large"
              disabled={c.uncounted > 0}
              onClick={() => step.mutate('submit')}
              data-testid="count-submit"
            >
              {t('parts.submitCount')} {c.uncounted > 0 && `(${c.uncounted})`}
            </Button>
            <Button size="large" danger onClick={() => step.mutate('cancel')}>
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
            onClick={() => step.mutate('approve')}
            data-testid="count-approve"
          >
            {t('parts.approveCount')}
          </Button>
        )}
      </Card>
    </>
  );
}
