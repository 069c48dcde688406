import {
  Alert,
  App,
  Button,
  type ButtonProps,
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
  Typography,
} from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  isSkippable,
  nextVisitStage,
  type TCharges,
  type TChargesQuery,
  type TVisitStage,
  VISIT_STAGES,
} from '../../../../common/field-api.ts';
import { CAUSES } from '../../../../common/warranty-rules.ts';
import type { ApiError } from '../../api/client.ts';
import { PART_FORMATS, ScanInput } from '../../components/ScanInput.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { chargeBasisText, durationText, zonedTime } from '../../features/field/field-words.ts';
import { position, useVisitQueue } from '../../features/field/offline-queue.ts';
import { SignatureField, type SignatureHandle } from '../../features/field/SignatureField.tsx';
import { useTicketReservations } from '../../features/field/ticket-reservations-query.ts';
import { useVanStock } from '../../features/field/van-stock-query.ts';
import { useWorkOrderCharges } from '../../features/field/work-order-charges-query.ts';
import { useSetWorkOrderPhotos } from '../../features/field/work-order-photos-mutation.ts';
import { useWorkOrder } from '../../features/field/work-order-query.ts';
import { navigationUrl } from '../../features/field/work-orders-query.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { EquipmentScanCard } from '../../features/labels/EquipmentScanCard.tsx';
import { MaintenanceVisit } from '../../features/maintenance/MaintenanceVisit.tsx';
import { useVisitChecklist } from '../../features/maintenance/visit-checklist-query.ts';
import { matchScan } from '../../features/parts/part-scan.ts';
import { useLocations, useStockMutation, yuan } from '../../features/parts/parts-query.ts';
import { FeedbackCard } from '../../features/quality/FeedbackCard.tsx';
import { CoverageCard } from '../../features/registry/CoverageCard.tsx';
import { useNow } from '../../features/sla/use-now.ts';

type FormStage = 'diagnosed' | 'plan_agreed' | 'temporary_solution' | 'completed';
const FORM_STAGES = ['diagnosed', 'plan_agreed', 'temporary_solution', 'completed'] as const;

/**
 * The visit on the engineer's phone, guided: the next stage is the big button (skippable ones can be
 * skipped with a reason), the steps done stay as a timeline with their times in the organisation's
 * zone, the other stages are at hand below; forms for what needs words; the charges are shown as a
 * breakdown before the customer consents.
 */
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
  const [skipping, setSkipping] = useState<TVisitStage | null>(null);
  const [skipReason, setSkipReason] = useState('');
  const me = useMe().data;
  const zone = me?.organisationTimeZone;
  // A special or campaign inspection carries a checklist like a planned visit.
  const inspection = useVisitChecklist(id ?? '', wo.data?.kind === 'inspection');
  if (!wo.data) return <Spin />;
  const w = wo.data;
  const events = w.events ?? [];
  const done = new Set(events.filter((e) => !e.skipReason).map((e) => e.stage));
  const skipped = new Set(events.filter((e) => e.skipReason).map((e) => e.stage));
  // A planned maintenance visit (and an inspection with a checklist) ends with the customer signing its
  // maintenance record, not the repair's completion stage.
  const planned =
    (w.kind === 'maintenance' && !w.ticketId) ||
    (w.kind === 'inspection' && (inspection.data?.items.length ?? 0) > 0);
  const guided = nextVisitStage(events);
  const next = planned && guided === 'completed' ? null : guided;
  const act = async (stage: string, data?: Record<string, unknown>, note?: string, skip?: string) => {
    const where = stage === 'arrived' ? await position() : null;
    await queue.record(w.id, stage, {
      data: data ?? null,
      note: note ?? null,
      lat: where?.lat,
      lng: where?.lng,
      ...(skip ? { skipReason: skip } : {}),
    });
    message.success(navigator.onLine ? t('field.recorded') : t('field.queued'));
  };
  /** A stage's button: a form first for the stages that need words, else recorded at once. */
  const press = (s: TVisitStage) => {
    if ((FORM_STAGES as readonly string[]).includes(s)) {
      form.resetFields();
      setOpen(s as FormStage);
    } else {
      void act(s, undefined, note || undefined);
      setNote('');
    }
  };
  const others = VISIT_STAGES.filter(
    (s) => s !== next && !done.has(s) && !skipped.has(s) && !(planned && s === 'completed'),
  );
  const arrived = done.has('arrived');
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
                  {w.assets.map((a, i) => (
                    <Link key={a.id} to={`/console/assets/${a.id}`} data-testid="visit-asset">
                      {a.label || t('field.equipmentHistory', { n: i + 1 })}
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
        {planned && <MaintenanceVisit workOrderId={w.id} queue={queue} />}
        {w.status === 'completed' && !planned && (
          <Button size="large" href={`/api/v1/work-orders/${w.id}/report.pdf`} data-testid="visit-report">
            {t('field.report')}
          </Button>
        )}
        {w.status === 'completed' && !planned && me?.permissions.includes('quality.feedback') && (
          <FeedbackCard workOrderId={w.id} customerId={w.customerId} />
        )}
        {w.status !== 'completed' && !arrived && w.onSiteDueAt && <OnSiteCountdown dueAt={w.onSiteDueAt} />}
        {w.status !== 'completed' && (
          <Card size="small" title={t('field.nextStep')} data-testid="visit-next">
            <div style={{ display: 'grid', gap: 8 }}>
              {next ? (
                <>
                  <Button
                    type="primary"
                    size="large"
                    block
                    style={{ height: 64, fontSize: 20 }}
                    danger={next === 'completed'}
                    onClick={() => press(next)}
                    data-testid={`stage-${next}`}
                    data-next="true"
                  >
                    {t(`field.stageNames.${next}`)}
                  </Button>
                  {isSkippable(next) && (
                    <Button
                      type="link"
                      onClick={() => {
                        setSkipReason('');
                        setSkipping(next);
                      }}
                      data-testid="visit-skip"
                    >
                      {t('field.skipStep')}
                    </Button>
                  )}
                </>
              ) : (
                <Tag color="green">{t('field.allStepsDone')}</Tag>
              )}
              <Input
                size="large"
                placeholder={t('field.notePlaceholder')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                data-testid="visit-note"
              />
            </div>
          </Card>
        )}
        {w.status !== 'completed' && w.status !== 'cancelled' && (
          <EquipmentScanCard
            workOrderId={w.id}
            scans={w.equipmentScans}
            formatTime={(iso) => zonedTime(iso, i18n.language, zone)}
          />
        )}
        <Card size="small" title={t('field.stepsDone')}>
          {events.length ? (
            <Timeline
              data-testid="visit-timeline"
              items={events.map((e) => ({
                color: e.skipReason ? 'gray' : 'green',
                children: (
                  <span data-testid={`event-${e.stage}`}>
                    <Typography.Text type={e.skipReason ? 'secondary' : undefined}>
                      <b>{t(`field.stageNames.${e.stage}`)}</b> · {zonedTime(e.at, i18n.language, zone)}
                      {e.skipReason ? ` · ${t('field.skippedBecause', { reason: e.skipReason })}` : ''}
                      {e.note ? ` · ${e.note}` : ''}
                    </Typography.Text>
                  </span>
                ),
              }))}
            />
          ) : (
            <Tag>{t('field.noStepsYet')}</Tag>
          )}
        </Card>
        {w.status !== 'completed' && others.length > 0 && (
          <Card size="small" title={t('field.otherSteps')}>
            <div
              style={{
                display: 'grid',
                gap: 8,
                gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
              }}
            >
              {others.map((s) => (
                <Button key={s} onClick={() => press(s)} data-testid={`stage-${s}`}>
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
        <VisitParts
          workOrderId={w.id}
          number={w.number}
          ticketId={w.ticketId}
          emergency={w.emergency}
          assets={w.assets}
        />
      </div>
      <Modal
        open={skipping !== null}
        title={skipping ? `${t('field.skipStep')}：${t(`field.stageNames.${skipping}`)}` : ''}
        onCancel={() => setSkipping(null)}
        okButtonProps={
          { disabled: skipReason.trim().length < 2, 'data-testid': 'visit-skip-ok' } as ButtonProps
        }
        onOk={() => {
          const stage = skipping!;
          setSkipping(null);
          void act(stage, undefined, undefined, skipReason.trim());
        }}
        okText={t('field.skipStep')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('field.skipReason')} extra={t('field.skipReasonHelp')} required>
            <Input.TextArea
              rows={2}
              maxLength={500}
              value={skipReason}
              onChange={(e) => setSkipReason(e.target.value)}
              data-testid="visit-skip-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
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
                travelKm: v.travelKm,
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
              <Space wrap>
                <Form.Item name="estimatedMinutes" label={t('field.estimatedMinutes')}>
                  <InputNumber min={1} size="large" data-testid="visit-plan-minutes" />
                </Form.Item>
                <Form.Item name="travelKm" label={t('field.travelKm')}>
                  <InputNumber min={0} size="large" data-testid="visit-plan-km" />
                </Form.Item>
              </Space>
              <ChargesPreview workOrderId={w.id} minutesField="estimatedMinutes" />
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
                  <InputNumber min={0} size="large" data-testid="visit-minutes" />
                </Form.Item>
                <Form.Item name="travelKm" label={t('field.travelKm')}>
                  <InputNumber min={0} size="large" data-testid="visit-km" />
                </Form.Item>
              </Space>
              <ChargesPreview workOrderId={w.id} minutesField="timeSpentMinutes" />
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
  assets,
}: {
  workOrderId: string;
  number: string;
  ticketId: string | null;
  emergency: boolean;
  /** The work order's equipment: on a visit covering several, the part says which one it went into. */
  assets: { id: string; label: string }[];
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
  const [fittedTo, setFittedTo] = useState<string | undefined>(assets[0]?.id);
  const fitted = assets.length > 1 && fittedTo ? { assetId: fittedTo } : {};
  const issueHeld = useStockMutation<{ id: string }>(
    (b) => `/api/v1/stock/reservations/${b.id}/issue`,
    () => ({ workOrderRef: number, ...fitted }),
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
  /** A scanned part number picks that part, among the parts the van has in stock. */
  const onScan = (text: string) => {
    const hit = matchScan(good, text)[0];
    if (!hit) return void message.warning(t('partScan.notInVan', { code: text }));
    setPartId(hit.partId);
    void message.success(t('partScan.picked', { part: `${hit.partNumber} ${hit.partName}` }));
  };
  return (
    <Card size="small" title={t('field.parts')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ScanInput
          onScan={onScan}
          placeholder={t('partScan.partPlaceholder')}
          formats={PART_FORMATS}
          testId="visit-part-scan"
        />
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
        {assets.length > 1 && (
          <Select
            size="large"
            style={{ width: '100%' }}
            value={fittedTo}
            onChange={setFittedTo}
            options={assets.map((a) => ({ value: a.id, label: `${t('field.fittedTo')} ${a.label}` }))}
            data-testid="visit-part-asset"
          />
        )}
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
            onClick={() => use.mutate({ partId, locationId: van.id, quantity: 1, ...ref, ...fitted }, done)}
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
              {t('field.reserved')} {good.find((g) => g.partId === r.partId)?.partNumber ?? t('field.part')} ×{' '}
              {r.open}
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

/** What the countdown counts down to: the on-site deadline, red once it has passed. */
function OnSiteCountdown({ dueAt }: { dueAt: string }) {
  const { t, i18n } = useTranslation();
  const zone = useMe().data?.organisationTimeZone;
  const now = useNow(30_000);
  const left = Math.round((new Date(dueAt).getTime() - now) / 1000);
  const over = left <= 0;
  return (
    <Alert
      type={over ? 'error' : left < 3600 ? 'warning' : 'info'}
      showIcon
      data-testid="visit-countdown"
      data-state={over ? 'overdue' : 'running'}
      message={
        <span style={over ? { color: '#cf1322', fontWeight: 600 } : undefined}>
          {over
            ? t('field.onSiteOverdue', { time: durationText(t, -left) })
            : t('field.onSiteCountdown', { time: durationText(t, left) })}
        </span>
      }
      description={t('field.onSiteDueAt', { at: zonedTime(dueAt, i18n.language, zone) })}
    />
  );
}

/** The charges priced with the time and distance being entered in the form around it. */
function ChargesPreview({ workOrderId, minutesField }: { workOrderId: string; minutesField: string }) {
  const form = Form.useFormInstance();
  const minutes = Form.useWatch(minutesField, form) as number | null | undefined;
  const km = Form.useWatch('travelKm', form) as number | null | undefined;
  return (
    <Charges
      workOrderId={workOrderId}
      entered={{ timeSpentMinutes: minutes ?? undefined, travelKm: km ?? undefined }}
      preview
    />
  );
}

/**
 * 收费: what the warranty does not cover, as a breakdown — travel (km), labour (hours), parts, each
 * with its price and why it is priced so — shown to the customer before the work; the receipt after.
 */
function Charges({
  workOrderId,
  entered,
  preview,
}: {
  workOrderId: string;
  entered?: TChargesQuery;
  preview?: boolean;
}) {
  const { t } = useTranslation();
  const sheet = useWorkOrderCharges(workOrderId, entered);
  if (!sheet.data) return null;
  const s = sheet.data;
  const lineText = (l: TCharges['lines'][number]) =>
    l.item === 'travel'
      ? l.entered != null
        ? t('field.travelLine', { km: l.entered, rate: yuan(l.unitFen) })
        : t('field.travelLineNoKm', { rate: yuan(l.unitFen) })
      : l.item === 'labour'
        ? `${t('field.labourLine', { hours: l.quantity })}${l.entered != null ? ` ${t('field.labourEntered', { minutes: l.entered })}` : ''}`
        : `${l.label} × ${l.quantity}`;
  return (
    <Card
      size="small"
      title={preview ? t('field.breakdown') : t('field.charges')}
      data-testid={preview ? 'visit-charges-preview' : 'visit-charges'}
      style={preview ? { marginBottom: 12 } : undefined}
    >
      <div>
        <Tag
          color={s.pendingDecision ? 'gold' : s.totalFen ? 'orange' : 'green'}
          data-testid="visit-coverage"
        >
          {t(`field.coverage.${s.status}`, { defaultValue: t('field.coverage.unknown') })}
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
        <div
          key={`${l.item}-${l.label}`}
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            gap: 8,
            padding: '4px 0',
            borderTop: '1px solid #f0f0f0',
          }}
          data-testid={`charge-line-${l.item}`}
        >
          <span>
            {lineText(l)}
            <br />
            <Typography.Text type="secondary">
              <small>
                {t('field.unitPrice', { price: yuan(l.unitFen) })}
                {l.basis ? ` · ${chargeBasisText(t, l.basis)}` : ''}
              </small>
            </Typography.Text>
          </span>
          <span style={{ whiteSpace: 'nowrap' }}>¥{yuan(l.amountFen)}</span>
        </div>
      ))}
      <div style={{ display: 'flex', justifyContent: 'space-between', fontWeight: 600, marginTop: 6 }}>
        <span>{t('field.total')}</span>
        <span data-testid="visit-charges-total">¥{yuan(s.totalFen)}</span>
      </div>
    </Card>
  );
}
