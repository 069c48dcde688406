import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { TLedgerLine, TPartDetail, TPartStockLine } from '../../../../common/parts-api.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { useLocations } from '../../features/parts/locations-query.ts';
import { useOrganisationToday } from '../../features/parts/organisation-today.ts';
import { usePartAvailability } from '../../features/parts/part-availability-query.ts';
import { usePartLedger } from '../../features/parts/part-ledger-query.ts';
import { usePart } from '../../features/parts/part-query.ts';
import { useUpdatePart } from '../../features/parts/part-update-mutation.ts';
import { useSaveReorderRule } from '../../features/parts/reorder-rule-save-mutation.ts';
import { useStockMutation } from '../../features/parts/stock-move-mutation.ts';
import { yuan } from '../../features/parts/yuan.ts';
import { useProducts } from '../../features/registry/registry-query.ts';

const MOVES = ['receipt', 'transfer', 'issue', 'return_unused', 'return_defective', 'scrap'] as const;
const PATHS: Record<(typeof MOVES)[number], string> = {
  receipt: '/api/v1/stock/receipts',
  transfer: '/api/v1/stock/transfers',
  issue: '/api/v1/stock/issues',
  return_unused: '/api/v1/stock/returns',
  return_defective: '/api/v1/stock/defective-returns',
  scrap: '/api/v1/stock/scraps',
};

export function PartDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const orgTime = useOrganisationTime();
  const part = usePart(id);
  const ledger = usePartLedger(id);
  const today = useOrganisationToday();
  if (!part.data) return <Spin />;
  const p = part.data;
  return (
    <>
      <h1 className="page-title">
        {p.partNumber} · {p.name} {p.genuine && <Tag color="blue">{t('parts.genuine')}</Tag>}
        {p.wearing && <Tag color="orange">{t('parts.wearing')}</Tag>}
      </h1>
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('parts.specification')}>{p.specification ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('parts.unit')}>{p.unit}</Descriptions.Item>
            <Descriptions.Item label={t('parts.shelfLifeMonths')}>
              {p.shelfLifeMonths ?? 60}
            </Descriptions.Item>
            <Descriptions.Item label={t('parts.cost')}>{yuan(p.costFen)}</Descriptions.Item>
            <Descriptions.Item label={t('parts.factoryPrice')}>{yuan(p.factoryPriceFen)}</Descriptions.Item>
            <Descriptions.Item label={t('parts.salePrice')}>{yuan(p.salePriceFen)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <PartExtras part={p} />
        <Card title={t('parts.stockByLocation')}>
          <Table<TPartStockLine>
            rowKey={(l) => `${l.locationId}:${l.batchId}:${l.condition}`}
            size="small"
            pagination={false}
            dataSource={p.stockLines}
            scroll={{ x: 820 }}
            data-testid="part-stock"
            columns={[
              { title: t('parts.location'), dataIndex: 'locationName' },
              { title: t('parts.batch'), dataIndex: 'batchCode' },
              { title: t('parts.supplier'), dataIndex: 'supplier', render: (s: string | null) => s ?? '—' },
              {
                title: t('parts.condition'),
                dataIndex: 'condition',
                render: (c: string) => (
                  <Tag color={c === 'good' ? 'green' : 'red'}>{t(`parts.conditions.${c}`)}</Tag>
                ),
              },
              { title: t('parts.onHand'), dataIndex: 'onHand' },
              { title: t('parts.reserved'), dataIndex: 'reserved' },
              {
                title: t('parts.shelfWarrantyEnds'),
                dataIndex: 'shelfWarrantyEndsOn',
                render: (d: string | null) =>
                  d && d < today ? <Tag color="red">{t('parts.shelfExpired', { date: d })}</Tag> : (d ?? '—'),
              },
            ]}
          />
        </Card>
        <MovementForm part={p} />
        <ReorderRules part={p} />
        <Card
          title={t('parts.ledger')}
          extra={<ExportButton entity="ledger" path={`/api/v1/parts/${p.id}/movements/export`} />}
        >
          <Table<TLedgerLine>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 900 }}
            dataSource={ledger.data?.pages.flatMap((pg) => pg.items) ?? []}
            data-testid="part-ledger"
            columns={[
              {
                title: t('parts.at'),
                dataIndex: 'at',
                width: 170,
                render: (v: string) => orgTime.dateTime(v),
              },
              {
                title: t('parts.kind'),
                dataIndex: 'kind',
                width: 110,
                render: (k: string) => t(`parts.kinds.${k}`),
              },
              { title: t('parts.quantity'), dataIndex: 'quantity', width: 70 },
              { title: t('parts.batch'), dataIndex: 'batchCode', width: 110 },
              { title: t('parts.from'), dataIndex: 'fromName', render: (v: string | null) => v ?? '—' },
              { title: t('parts.to'), dataIndex: 'toName', render: (v: string | null) => v ?? '—' },
              {
                title: t('parts.reference'),
                key: 'ref',
                render: (_: unknown, m) =>
                  [m.workOrderRef, m.serial, m.reason && systemReason(m.reason, t)]
                    .filter(Boolean)
                    .join(' · ') || '—',
              },
              { title: t('parts.by'), dataIndex: 'actorLabel', width: 120 },
            ]}
          />
          <LoadMore
            hasMore={Boolean(ledger.hasNextPage)}
            loading={ledger.isFetchingNextPage}
            onClick={() => ledger.fetchNextPage()}
          />
        </Card>
      </div>
    </>
  );
}

function MovementForm({ part }: { part: TPartDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locations = useLocations();
  const [kind, setKind] = useState<(typeof MOVES)[number]>('receipt');
  const [form] = Form.useForm();
  const [warnings, setWarnings] = useState<string[]>([]);
  const move = useStockMutation<Record<string, unknown>>(() => PATHS[kind]);
  const options = (all: boolean) =>
    (locations.data ?? [])
      .filter((l) => l.active && (all || l.visible))
      .map((l) => ({ value: l.id, label: `${l.code} ${l.name}` }));
  const batches = part.stockLines.map((l) => ({
    value: `${l.batchId}:${l.condition}`,
    label: `${l.locationName} · ${l.batchCode} · ${t(`parts.conditions.${l.condition}`)} (${l.onHand})`,
  }));
  return (
    <Card title={t('parts.move')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={kind}
          style={{ width: 180 }}
          onChange={(v) => {
            setKind(v);
            setWarnings([]);
          }}
          options={MOVES.map((m) => ({ value: m, label: t(`parts.kinds.${m}`) }))}
          aria-label={t('parts.move')}
          data-testid="move-kind"
        />
      </Space>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => {
          const [batchId, condition] = String(v.batch ?? '').split(':');
          move.mutate(
            {
              partId: part.id,
              quantity: v.quantity,
              ...(kind === 'transfer'
                ? { fromLocationId: v.locationId, toLocationId: v.toLocationId }
                : { locationId: v.locationId }),
              ...(kind === 'receipt'
                ? {
                    batchCode: v.batchCode || undefined,
                    supplier: v.supplier || undefined,
                    receivedOn: v.receivedOn?.format('YYYY-MM-DD'),
                  }
                : {}),
              ...(kind === 'scrap' ? { batchId, condition } : {}),
              ...(kind === 'return_defective' ? { serial: v.serial || null } : {}),
              workOrderRef: v.workOrderRef || null,
              reason: v.reason || null,
            },
            {
              onSuccess: (r) => {
                message.success(t('parts.moved'));
                setWarnings(
                  (r.warnings ?? []).map(
                    (w) => `${t('parts.shelfExpired', { date: w.shelfWarrantyEndedOn })} (${w.batchCode})`,
                  ),
                );
                form.resetFields();
              },
              onError: (err) => message.error(applyServerErrors(form, err)),
            },
          );
        }}
      >
        <Form.Item
          name="locationId"
          label={kind === 'transfer' ? t('parts.from') : t('parts.location')}
          rules={[{ required: true }]}
        >
          <Select style={{ width: 200 }} options={options(false)} data-testid="move-location" />
        </Form.Item>
        {kind === 'transfer' && (
          <Form.Item name="toLocationId" label={t('parts.to')} rules={[{ required: true }]}>
            <Select style={{ width: 200 }} options={options(true)} data-testid="move-to" />
          </Form.Item>
        )}
        {kind === 'scrap' && (
          <Form.Item name="batch" label={t('parts.batch')} rules={[{ required: true }]}>
            <Select style={{ width: 260 }} options={batches} />
          </Form.Item>
        )}
        <Form.Item name="quantity" label={t('parts.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} data-testid="move-quantity" />
        </Form.Item>
        {kind === 'receipt' && (
          <>
            <Form.Item name="batchCode" label={t('parts.batch')}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="supplier" label={t('parts.supplier')}>
              <Input style={{ width: 180 }} maxLength={200} data-testid="move-supplier" />
            </Form.Item>
            <Form.Item name="receivedOn" label={t('parts.receivedOn')}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {kind === 'return_defective' && (
          <Form.Item name="serial" label={t('parts.serial')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
        )}
        <Form.Item name="workOrderRef" label={t('parts.workOrder')}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('parts.reason')}
          rules={kind === 'scrap' ? [{ required: true }] : []}
        >
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={move.isPending} data-testid="move-submit">
          {t('parts.record')}
        </Button>
      </Form>
      {warnings.length > 0 && (
        <Alert style={{ marginTop: 12 }} type="warning" message={warnings.join('; ')} />
      )}
    </Card>
  );
}

function ReorderRules({ part }: { part: TPartDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const locations = useLocations();
  const [form] = Form.useForm();
  const save = useSaveReorderRule();
  const manage = Boolean(me?.permissions.includes('stock.move_any'));
  return (
    <Card title={t('parts.reorderRules')}>
      <Table
        rowKey="locationId"
        size="small"
        pagination={false}
        dataSource={part.reorderRules}
        columns={[
          { title: t('parts.location'), dataIndex: 'locationName' },
          { title: t('parts.reorderPoint'), dataIndex: 'reorderPoint' },
          { title: t('parts.reorderQuantity'), dataIndex: 'reorderQuantity' },
        ]}
      />
      {manage && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12 }}
          onFinish={(v) =>
            save.mutate(
              { ...v, partId: part.id },
              {
                onSuccess: () => form.resetFields(),
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item name="locationId" label={t('parts.location')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
            />
          </Form.Item>
          <Form.Item name="reorderPoint" label={t('parts.reorderPoint')} rules={[{ required: true }]}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="reorderQuantity" label={t('parts.reorderQuantity')} rules={[{ required: true }]}>
            <InputNumber min={1} />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** What the part fits, its photos, and where it can be found (the user's own van first). */
function PartExtras({ part }: { part: TPartDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const manage = Boolean(me?.permissions.includes('parts.manage'));
  const products = useProducts({});
  const where = usePartAvailability(part.id);
  const update = useUpdatePart(part);
  const onError = (err: Error) => message.error(err.message);
  return (
    <Card>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('parts.fits')}>
          <Select
            mode="multiple"
            style={{ minWidth: 320 }}
            disabled={!manage}
            value={part.fitsProductIds}
            placeholder={t('parts.fitsHelp')}
            aria-label={t('parts.fits')}
            onChange={(ids: string[]) => update.mutate({ fitsProductIds: ids }, { onError })}
            options={(products.items ?? []).map((pr) => ({ value: pr.id, label: `${pr.model} ${pr.name}` }))}
            data-testid="part-fits"
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('parts.whereAvailable')}>
          <Space wrap data-testid="part-availability">
            {(where.data ?? []).map((w) => (
              <Tag key={w.locationId} color={w.mine ? 'green' : 'default'}>
                {w.locationName}: {w.available}
              </Tag>
            ))}
            {where.data?.length === 0 && '—'}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('parts.photos')}>
          <Attachments
            fileIds={part.photoIds}
            customerId={null}
            canEdit={manage}
            max={20}
            onChange={(ids) =>
              update.mutateAsync({ photoIds: ids }).catch((err: Error) => {
                onError(err);
                throw err;
              })
            }
          />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

// Reasons the system itself writes into the ledger (older rows hold the Chinese or English text);
// a reason a person typed is shown as typed.
const SYSTEM_REASONS: Record<string, string> = {
  replaced_in_repair: 'replacedInRepair',
  维修换下: 'replacedInRepair',
  'stock count': 'stockCount',
};
function systemReason(reason: string, t: (key: string) => string): string {
  const key = SYSTEM_REASONS[reason];
  return key ? t(`parts.systemReasons.${key}`) : reason;
}
