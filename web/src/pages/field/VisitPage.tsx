import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
} from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CAUSES } from '../../../../common/warranty-rules.ts';
import type { ApiError } from '../../api/client.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { position, useVisitQueue } from '../../features/field/offline-queue.ts';
import { SignatureField, type SignatureHandle } from '../../features/field/SignatureField.tsx';
import { useTicketReservations } from '../../features/field/ticket-reservations-query.ts';
import { useVanStock } from '../../features/field/van-stock-query.ts';
import { useWorkOrderCharges } from '../../features/field/work-order-charges-query.ts';
import { useSetWorkOrderPhotos } from '../../features/field/work-order-photos-mutation.ts';
import { useWorkOrder } from '../../features/field/work-order-query.ts';
import { navigationUrl } from '../../features/field/work-orders-query.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { useLocations, useStockMutation, yuan } from '../../features/parts/parts-query.ts';
import { CoverageCard } from '../../features/registry/CoverageCard.tsx';

type FormStage = 'diagnosed' | 'plan_agreed' | 'temporary_solution' | 'completed';
const SIMPLE = [
  'remote_guidance',
  'accepted',
  'departed',
  'arrived',
  'credentials_shown',
  'repair_started',
  'tested',
] as const;

/** The visit on the engineer's phone: big buttons for each stage, forms for what needs words. */
export function VisitPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const wo = useWorkOrder(id);
  const photos = useSetWorkOrderPhotos(id ?? '');
  const onRejected = useCallback((err: ApiError) => message.error(err.message), [message]);
  const queue = useVisitQueue(onRejected);
  const [form] = Form.useForm();
  const [open, setOpen] = useState<FormStage | null>(null);
  const [note, setNote] = useState('');
  const signature = useRef<SignatureHandle>(null);
  const planSignature = useRef<SignatureHandle>(null);
  if (!wo.data) return <Spin />;
  const w = wo.data;
  const done = new Set((w.events ?? []).map((e) => e.stage));
  const act = async (stage: string, data?: Record<string, unknown>, note?: string) => {
    const where = stage === 'arrived' ? await position() : null;
    await queue.record(w.id, stage, {
      data: data ?? null,
      note: note ?? null,
      lat: where?.lat,
      lng: where?.lng,
    });
    message.success(navigator.onLine ? t('field.recorded') : t('field.queued'));
  };
  return (
    <>
      <h1 className="page-title">
        {w.number} {w.emergency && <Tag color="red">{t('tickets.emergency')}</Tag>}
        <Tag data-testid="visit-status">{t(`field.statuses.${w.status}`)}</Tag>
        {w.reportDelivery && (
          <Tag
            color={{ pending: 'processing', published: 'green', failed: 'red' }[w.reportDelivery.state]}
            title={w.reportDelivery.error ?? undefined}
            data-testid="visit-report-delivery"
          >
            {t(`field.reportDelivery.${w.reportDelivery.state}`)}
          </Tag>
        )}
      </h1>
      {(!queue.online || queue.pending > 0) && (
        <Alert
          type={queue.online ? 'info' : 'warning'}
          style={{ marginBottom: 12 }}
          data-testid="visit-queue"
          message={
            queue.online
              ? t('field.syncing', { count: queue.pending })
              : t('field.offline', { count: queue.pending })
          }
        />
      )}
      <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Card size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('field.summary')}>{w.summary}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.customer')}>{w.customerName}</Descriptions.Item>
            {w.address && (
              <Descriptions.Item label={t('field.address')}>
                <a href={navigationUrl(w.address)} target="_blank" rel="noreferrer">
                  {w.address}
                </a>
              </Descriptions.Item>
            )}
            {w.contactPhone && (
              <Descriptions.Item label={t('field.contact')}>
                <a href={`tel:${w.contactPhone}`}>
                  {w.contactName} {w.contactPhone}
                </a>
              </Descriptions.Item>
            )}
            {w.ticketNumber && (
              <Descriptions.Item label={t('field.ticket')}>{w.ticketNumber}</Descriptions.Item>
            )}
            {w.assetIds.length > 0 && (
              <Descriptions.Item label={t('nav.equipment')}>
                <Space wrap>
                  {w.assetIds.map((a, i) => (
                    <Link key={a} to={`/console/assets/${a}`} data-testid="visit-asset">
                      {t('field.equipmentHistory', { n: i + 1 })}
                    </Link>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
            {w.emergency && w.emergencyPlanFileId && (
              <Descriptions.Item label={t('field.emergencyPlan')}>
                <a href={`/api/v1/files/${w.emergencyPlanFileId}/content`}>{t('field.open')}</a>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        {w.status === 'completed' && (
          <Button size="large" href={`/api/v1/work-orders/${w.id}/report.pdf`} data-testid="visit-report">
            {t('field.report')}
          </Button>
        )}
        {w.status !== 'completed' && (
          <Card size="small" title={t('field.stages')}>
            <div
              style={{
                display: 'grid',
                gap: 8,
                gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
              }}
            >
              <Input
                size="large"
                placeholder={t('field.notePlaceholder')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                style={{ gridColumn: '1 / -1' }}
                data-testid="visit-note"
              />
              {SIMPLE.map((s) => (
                <Button
                  key={s}
                  size="large"
                  type={done.has(s) ? 'default' : 'primary'}
                  ghost={done.has(s)}
                  onClick={() => {
                    void act(s, undefined, note || undefined);
                    setNote('');
                  }}
                  data-testid={`stage-${s}`}
                >
                  {done.has(s) ? '✓ ' : ''}
                  {t(`field.stageNames.${s}`)}
                </Button>
              ))}
              {(['diagnosed', 'plan_agreed', 'temporary_solution', 'completed'] as const).map((s) => (
                <Button
                  key={s}
                  size="large"
                  danger={s === 'completed'}
                  onClick={() => {
                    form.resetFields();
                    setOpen(s);
                  }}
                  data-testid={`stage-${s}`}
                >
                  {done.has(s) ? '✓ ' : ''}
                  {t(`field.stageNames.${s}`)}
                </Button>
              ))}
            </div>
          </Card>
        )}
        {w.assetIds[0] && <CoverageCard assetId={w.assetIds[0]} />}
        <Charges workOrderId={w.id} />
        <Card size="small" title={t('field.photos')}>
          <div>{t('field.before')}</div>
          <Attachments
            fileIds={w.photoIds ?? []}
            customerId={w.customerId}
            canEdit
            onChange={(ids) => photos.mutateAsync({ before: ids })}
          />
          <div style={{ marginTop: 8 }}>{t('field.after')}</div>
          <Attachments
            fileIds={w.afterPhotoIds ?? []}
            customerId={w.customerId}
            canEdit
            onChange={(ids) => photos.mutateAsync({ after: ids })}
          />
        </Card>
        <VisitParts workOrderId={w.id} number={w.number} ticketId={w.ticketId} emergency={w.emergency} />
        <Card size="small" title={t('field.timeline')}>
          <Timeline
            items={(w.events ?? []).map((e) => ({
              children: (
                <span data-testid={`event-${e.stage}`}>
                  {t(`field.stageNames.${e.stage}`)} · {new Date(e.at).toLocaleString(i18n.language)}
                  {e.note ? ` · ${e.note}` : ''}
                </span>
              ),
            }))}
          />
        </Card>
      </div>
      <Modal
        open={open !== null}
        title={open ? t(`field.stageNames.${open}`) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            const stage = open!;
            setOpen(null);
            if (stage === 'diagnosed') await act(stage, { faultLocation: v.faultLocation, cause: v.cause });
            if (stage === 'plan_agreed')
              await act(stage, {
                signature:
                  v.consentKind === 'signature' ? (planSignature.current?.value() ?? undefined) : undefined,
                plan: v.plan,
                estimatedMinutes: v.estimatedMinutes,
                consent: { kind: v.consentKind, by: v.consentBy, at: new Date().toISOString() },
              });
            if (stage === 'temporary_solution')
              await act(stage, { solution: v.solution, plannedFix: v.plannedFix });
            if (stage === 'completed')
              await act(stage, {
                signature: signature.current?.value() ?? undefined,
                signedBy: v.signedBy,
                process: v.process,
                result: v.result,
                tests: v.tests,
                prevention: v.prevention,
                timeSpentMinutes: v.timeSpentMinutes,
                travelKm: v.travelKm,
              });
          }}
          initialValues={{ cause: 'normal_failure', consentKind: 'verbal' }}
        >
          {open === 'diagnosed' && (
            <>
              <Form.Item name="faultLocation" label={t('field.faultLocation')} rules={[{ required: true }]}>
                <Input size="large" data-testid="visit-fault-location" />
              </Form.Item>
              <Form.Item name="cause" label={t('field.cause')}>
                <Select
                  size="large"
                  options={CAUSES.map((c) => ({ value: c, label: t(`causes.${c}`, { defaultValue: c }) }))}
                />
              </Form.Item>
            </>
          )}
          {open === 'plan_agreed' && (
            <>
              <Form.Item name="plan" label={t('field.plan')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="estimatedMinutes" label={t('field.estimatedMinutes')}>
                <InputNumber min={1} size="large" />
              </Form.Item>
              <Form.Item name="consentKind" label={t('field.consent')}>
                <Radio.Group>
                  <Radio value="verbal">{t('field.consentVerbal')}</Radio>
                  <Radio value="signature">{t('field.consentSignature')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="consentBy" label={t('field.consentBy')} rules={[{ required: true }]}>
                <Input size="large" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.consentKind !== b.consentKind}>
                {({ getFieldValue }) =>
                  getFieldValue('consentKind') === 'signature' && (
                    <Form.Item label={t('field.customerSignature')}>
                      <SignatureField ref={planSignature} />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </>
          )}
          {open === 'temporary_solution' && (
            <>
              <Form.Item name="solution" label={t('field.solution')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="plannedFix" label={t('field.plannedFix')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {open === 'completed' && (
            <>
              <Form.Item name="process" label={t('field.process')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="result" label={t('field.result')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} data-testid="visit-result" />
              </Form.Item>
              <Form.Item name="tests" label={t('field.tests')}>
                <Input />
              </Form.Item>
              <Form.Item name="prevention" label={t('field.prevention')}>
                <Input />
              </Form.Item>
              <Space wrap>
                <Form.Item name="timeSpentMinutes" label={t('field.timeSpent')}>
                  <InputNumber min={0} size="large" />
                </Form.Item>
                <Form.Item name="travelKm" label={t('field.travelKm')}>
                  <InputNumber min={0} size="large" />
                </Form.Item>
              </Space>
              <Form.Item label={t('field.customerSignature')}>
                <SignatureField ref={signature} />
              </Form.Item>
              <Form.Item name="signedBy" label={t('field.signedBy')} rules={[{ required: true }]}>
                <Input size="large" data-testid="visit-signed-by" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** Parts on the job: use one from the van, bring back the replaced one as defective stock. */
function VisitParts({
  workOrderId,
  number,
  ticketId,
  emergency,
}: {
  workOrderId: string;
  number: string;
  ticketId: string | null;
  emergency: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const locations = useLocations();
  const van = (locations.data ?? []).find((l) => l.kind === 'van' && l.keeperId === me?.id);
  const stock = useVanStock(van?.id);
  const use = useStockMutation<Record<string, unknown>>(() => '/api/v1/stock/issues');
  const reserve = useStockMutation<Record<string, unknown>>(() => '/api/v1/stock/reservations');
  const unused = useStockMutation<Record<string, unknown>>(() => '/api/v1/stock/returns');
  const issueHeld = useStockMutation<{ id: string }>(
    (b) => `/api/v1/stock/reservations/${b.id}/issue`,
    () => ({ workOrderRef: number }),
  );
  const releaseHeld = useStockMutation<{ id: string }>(
    (b) => `/api/v1/stock/reservations/${b.id}/release`,
    () => ({}),
  );
  const held = useTicketReservations(ticketId);
  const back = useStockMutation<Record<string, unknown>>(() => '/api/v1/stock/defective-returns');
  const [partId, setPartId] = useState<string>();
  const [serial, setSerial] = useState('');
  const [from, setFrom] = useState<string>();
  if (!van) return null;
  const good = (stock.data ?? []).filter((s) => s.condition === 'good' && s.onHand - s.reserved > 0);
  const ref = { ticketId, workOrderRef: number };
  const done = {
    onSuccess: () => message.success(t('field.recorded')),
    onError: (e: Error) => message.error(e.message),
  };
  void workOrderId;
  return (
    <Card size="small" title={t('field.parts')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          size="large"
          style={{ width: '100%' }}
          placeholder={t('field.pickPart')}
          value={partId}
          onChange={setPartId}
          options={good.map((s) => ({
            value: s.partId,
            label: `${s.partNumber} ${s.partName} (${s.onHand - s.reserved})`,
          }))}
          data-testid="visit-part"
        />
        <Select
          size="large"
          style={{ width: '100%' }}
          value={from ?? van.id}
          onChange={setFrom}
          options={(locations.data ?? [])
            .filter((l) => l.active && (l.id === van.id || l.kind !== 'van'))
            .map((l) => ({ value: l.id, label: `${t('field.reserveFrom')} ${l.name}` }))}
          data-testid="visit-reserve-from"
        />
        <Input
          size="large"
          placeholder={t('field.replacedSerial')}
          value={serial}
          onChange={(e) => setSerial(e.target.value)}
        />
        <Space wrap>
          <Button
            size="large"
            disabled={!partId}
            onClick={() =>
              reserve.mutate({ partId, locationId: from ?? van.id, quantity: 1, emergency, ...ref }, done)
            }
            data-testid="visit-reserve-part"
          >
            {t('field.reservePart')}
          </Button>
          <Button
            size="large"
            disabled={!partId}
            onClick={() => use.mutate({ partId, locationId: van.id, quantity: 1, ...ref }, done)}
            data-testid="visit-use-part"
          >
            {t('field.usePart')}
          </Button>
          <Button
            size="large"
            disabled={!partId}
            onClick={() =>
              back.mutate(
                {
                  partId,
                  locationId: van.id,
                  quantity: 1,
                  serial: serial || null,
                  ...ref,
                  reason: 'replaced_in_repair',
                },
                done,
              )
            }
            data-testid="visit-return-part"
          >
            {t('field.returnReplaced')}
          </Button>
          <Button
            size="large"
            disabled={!partId}
            onClick={() => unused.mutate({ partId, locationId: van.id, quantity: 1, ...ref }, done)}
          >
            {t('field.returnUnused')}
          </Button>
        </Space>
        {(held.data ?? []).map((r) => (
          <Space key={r.id} wrap>
            <Tag color="blue">
              {t('field.reserved')}{' '}
              {good.find((g) => g.partId === r.partId)?.partNumber ?? r.partId.slice(0, 8)} × {r.open}
            </Tag>
            <Button size="small" onClick={() => issueHeld.mutate({ id: r.id }, done)}>
              {t('field.useReserved')}
            </Button>
            <Button size="small" onClick={() => releaseHeld.mutate({ id: r.id }, done)}>
              {t('field.release')}
            </Button>
          </Space>
        ))}
      </Space>
    </Card>
  );
}

/** 收费: what the warranty does not cover, shown to the customer before the work; the receipt after. */
function Charges({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const sheet = useWorkOrderCharges(workOrderId);
  if (!sheet.data) return null;
  const s = sheet.data;
  return (
    <Card size="small" title={t('field.charges')} data-testid="visit-charges">
      <div>
        <Tag
          color={s.pendingDecision ? 'gold' : s.totalFen ? 'orange' : 'green'}
          data-testid="visit-coverage"
        >
          {t(`field.coverage.${s.status}`, { defaultValue: s.status })}
        </Tag>
        {s.pricing === 'cost' && (
          <Tag color="purple" data-testid="visit-pricing">
            {t('field.pricing.cost')}
          </Tag>
        )}
        {s.receiptNumber && (
          <Tag color="blue">
            {t('field.receipt')} {s.receiptNumber}
          </Tag>
        )}
      </div>
      <ul style={{ paddingInlineStart: 18, margin: '8px 0' }}>
        {s.reasons.map((r) => (
          <li key={r.code} style={{ color: '#666' }}>
            {t(`warranty.reasons.${r.code}`, { ...r.params, defaultValue: r.text })}
          </li>
        ))}
      </ul>
      {s.lines.map((l) => (
        <div key={l.label} style={{ display: 'flex', justifyContent: 'space-between' }}>
          <span>
            {l.item === 'part' ? l.label : t(`field.chargeItems.${l.item}`)} × {l.quantity}
          </span>
          <span>¥{yuan(l.amountFen)}</span>
        </div>
      ))}
      <div style={{ display: 'flex', justifyContent: 'space-between', fontWeight: 600, marginTop: 6 }}>
        <span>{t('field.total')}</span>
        <span data-testid="visit-charges-total">¥{yuan(s.totalFen)}</span>
      </div>
    </Card>
  );
}
