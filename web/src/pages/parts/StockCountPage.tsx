import { Alert, App, Button, Card, InputNumber, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { TCountLine } from '../../../../common/parts-api.ts';
import { PART_FORMATS, ScanInput } from '../../components/ScanInput.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { matchScan } from '../../features/parts/part-scan.ts';
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
  const [scanned, setScanned] = useState<{ ok: boolean; text: string } | null>(null);
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
  /** A scan adds one to the line it names; several lines (batches, conditions) get the first focused. */
  const onScan = (text: string) => {
    const found = matchScan(c.lines, text);
    const first = found[0];
    if (!first) return setScanned({ ok: false, text: t('partScan.unknown', { code: text }) });
    const at = c.lines.indexOf(first);
    if (found.filter((l) => l.condition === first.condition).length > 1) {
      document.getElementById(`count-input-${at}`)?.focus();
      return setScanned({ ok: false, text: t('partScan.several', { code: text }) });
    }
    const count = (entered[lineKey(first)] ?? first.counted ?? 0) + 1;
    setEntered((e) => ({ ...e, [lineKey(first)]: count }));
    document.getElementById(`count-input-${at}`)?.scrollIntoView({ block: 'nearest' });
    setScanned({
      ok: true,
      text: t('partScan.counted', { part: first.partNumber, batch: first.batchCode, count }),
    });
  };
  return (
    <>
      <h1 className="page-title">
        {t('parts.count')} <Tag data-testid="count-status">{t(`parts.countStatus.${c.status}`)}</Tag>
      </h1>
      {c.status === 'open' && (
        <Card>
          <div style={{ fontSize: 13, marginBottom: 8 }}>{t('partScan.help')}</div>
          <ScanInput
            onScan={onScan}
            placeholder={t('partScan.placeholder')}
            formats={PART_FORMATS}
            testId="count-scan"
          />
          {scanned && (
            <Alert
              style={{ marginTop: 8 }}
              type={scanned.ok ? 'success' : 'warning'}
              message={scanned.text}
              data-testid="count-scan-result"
            />
          )}
          <List
            dataSource={c.lines}
            renderItem={(l, i) => (
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
                  id={`count-input-${i}`}
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
