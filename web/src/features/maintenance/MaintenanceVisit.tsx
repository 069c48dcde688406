import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Spin, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  TChecklistEntry,
  TSuggestion,
  TVisitChecklist,
} from '../../../../common/maintenance-visit-api.ts';
import { answerProblem, isDanger } from '../../../../common/maintenance-visit-rules.ts';
import { ApiError, api } from '../../api/client.ts';
import { SignatureField, type SignatureHandle } from '../field/SignatureField.tsx';
import { Attachments } from '../files/Attachments.tsx';
import { maintenanceVisitKey, useVisitChecklist } from './visit-checklist-query.ts';

export interface VisitQueue {
  online: boolean;
  pending: number;
  enqueue(workOrderId: string, path: string, key: string, body: Record<string, unknown>): Promise<void>;
}

const rangeText = (min: number | null, max: number | null) =>
  min !== null && max !== null ? `${min}–${max}` : min !== null ? `≥ ${min}` : max !== null ? `≤ ${max}` : '';

/**
 * The planned maintenance visit on the engineer's phone: each asset's checklist (answers go through
 * the visit's offline queue with the phone's time), the rectification suggestions of the hidden
 * dangers found (one tap: a fault ticket), and the customer's signature that completes the visit.
 */
export function MaintenanceVisit({ workOrderId, queue }: { workOrderId: string; queue: VisitQueue }) {
  const { t } = useTranslation();
  const visit = useVisitChecklist(workOrderId);
  if (visit.isError) return null; // not a generated visit (no checklist to fill)
  if (!visit.data) return <Spin />;
  const v = visit.data;
  const locked = v.record !== null && v.record.status !== 'returned';
  return (
    <>
      {v.items.map((item) => (
        <Card
          key={item.id}
          size="small"
          title={`${item.assetLabel} · ${item.templateName}`}
          data-testid="mv-item"
        >
          <div style={{ display: 'grid', gap: 12 }}>
            {item.checklist.map((entry) => (
              <ChecklistEntry
                key={entry.key}
                visit={v}
                itemId={item.id}
                entry={entry}
                locked={locked}
                queue={queue}
                workOrderId={workOrderId}
              />
            ))}
          </div>
        </Card>
      ))}
      <Card size="small" title={t('mvisit.suggestions')} data-testid="mv-suggestions">
        {v.suggestions.length ? (
          <div style={{ display: 'grid', gap: 12 }}>
            {v.suggestions.map((s) => (
              <SuggestionForm key={`${s.id}-${s.version}`} s={s} workOrderId={workOrderId} />
            ))}
          </div>
        ) : (
          <Tag>{t('mvisit.noSuggestions')}</Tag>
        )}
      </Card>
      <RecordCard visit={v} workOrderId={workOrderId} queue={queue} />
    </>
  );
}

function ChecklistEntry({
  visit,
  itemId,
  entry,
  locked,
  queue,
  workOrderId,
}: {
  visit: TVisitChecklist;
  itemId: string;
  entry: TChecklistEntry;
  locked: boolean;
  queue: VisitQueue;
  workOrderId: string;
}) {
  const { t } = useTranslation();
  const saved = entry.answer;
  const [result, setResult] = useState(saved?.result ?? null);
  const [value, setValue] = useState<number | null>(saved?.value ?? null);
  const [text, setText] = useState(saved?.text ?? '');
  const [note, setNote] = useState(saved?.note ?? '');
  const [photoIds, setPhotoIds] = useState<string[]>(saved?.photoIds ?? []);
  const [state, setState] = useState<'answered' | 'queued' | null>(saved ? 'answered' : null);
  // An answer queued offline counts as given once the queue has sent everything.
  useEffect(() => {
    if (queue.pending === 0 && queue.online) setState((s) => (s === 'queued' ? 'answered' : s));
  }, [queue.pending, queue.online]);
  const facts = { result, value, text: text.trim() || null, note: note.trim() || null, photoIds };
  const danger = isDanger(entry, facts);
  const problem = answerProblem(entry, facts);
  const range = rangeText(entry.min, entry.max);
  const testId = `mv-entry-${entry.key}`;
  const save = async () => {
    const clientEventId = crypto.randomUUID();
    await queue.enqueue(workOrderId, `/api/v1/maintenance/visits/${visit.visitId}/answers`, clientEventId, {
      answers: [
        {
          visitItemId: itemId,
          key: entry.key,
          clientEventId,
          answeredAt: new Date().toISOString(),
          ...facts,
        },
      ],
    });
    setState(navigator.onLine && queue.pending === 0 ? 'answered' : 'queued');
  };
  return (
    <div
      data-testid={testId}
      data-danger={danger ? 'true' : 'false'}
      style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}
    >
      <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap', marginBottom: 6 }}>
        <b>{entry.label}</b>
        {!entry.required && <small style={{ color: '#4b5563' }}>({t('mvisit.optional')})</small>}
        {range && (
          <small style={{ color: '#4b5563' }}>
            {t('mvisit.range', { range: `${range} ${entry.unit ?? ''}` })}
          </small>
        )}
        {danger && <Tag color="red">{t('mvisit.dangerTag')}</Tag>}
        {state && (
          <Tag color={state === 'answered' ? 'green' : 'gold'} data-testid={`${testId}-state`}>
            {t(`mvisit.${state}`)}
          </Tag>
        )}
      </div>
      {entry.kind === 'check' && (
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="large"
          disabled={locked}
          value={result}
          onChange={(e) => setResult(e.target.value)}
          options={(['pass', 'fail', 'na'] as const).map((r) => ({
            value: r,
            label: t(`mvisit.results.${r}`),
          }))}
        />
      )}
      {entry.kind === 'measurement' && (
        <InputNumber
          size="large"
          style={{ width: '100%' }}
          disabled={locked}
          value={value}
          onChange={(n) => setValue(typeof n === 'number' ? n : null)}
          addonAfter={entry.unit}
          aria-label={entry.label}
          data-testid={`${testId}-value`}
        />
      )}
      {(entry.kind === 'reading' || entry.kind === 'note') && (
        <Input
          size="large"
          disabled={locked}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={entry.label}
          placeholder={entry.kind === 'reading' ? t('mvisit.reading') : t('mvisit.note')}
          data-testid={`${testId}-text`}
        />
      )}
      {danger && <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('mvisit.danger')} />}
      {(danger || entry.kind === 'check' || entry.kind === 'measurement') && (
        <Input.TextArea
          rows={2}
          style={{ marginTop: 8 }}
          disabled={locked}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('mvisit.note')}
          aria-label={`${entry.label} ${t('mvisit.note')}`}
          data-testid={`${testId}-note`}
        />
      )}
      {(danger || entry.photoRequired || entry.kind === 'photo' || photoIds.length > 0) && (
        <div style={{ marginTop: 8 }}>
          <small>
            {entry.photoRequired || danger || entry.kind === 'photo'
              ? t('mvisit.photoNeeded')
              : t('mvisit.photos')}
          </small>
          <Attachments
            fileIds={photoIds}
            customerId={visit.customerId}
            canEdit={!locked}
            max={10}
            onChange={async (ids) => setPhotoIds(ids)}
          />
        </div>
      )}
      {!locked && (
        <Button
          type="primary"
          style={{ marginTop: 8 }}
          disabled={problem !== null}
          onClick={() => void save()}
          data-testid={`${testId}-save`}
        >
          {t('mvisit.saveAnswer')}
        </Button>
      )}
    </div>
  );
}

function SuggestionForm({ s, workOrderId }: { s: TSuggestion; workOrderId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: [maintenanceVisitKey, workOrderId] });
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      layout="vertical"
      initialValues={{ text: s.text, dueOn: s.dueOn, responsible: s.responsible }}
      onFinish={(v) =>
        run(() => api.patch(`/api/v1/maintenance/suggestions/${s.id}`, { ...v, version: s.version }))
      }
      data-testid="mv-suggestion"
    >
      <div style={{ marginBottom: 6 }}>
        <Tag color="red">{t('mvisit.dangerTag')}</Tag> {s.assetLabel} · {s.itemLabel}
      </div>
      <Form.Item name="text" label={t('mvisit.suggestionText')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="dueOn" label={t('mvisit.dueOn')} rules={[{ required: true }]}>
          <Input type="date" size="large" />
        </Form.Item>
        <Form.Item name="responsible" label={t('mvisit.responsible')}>
          <Select
            size="large"
            style={{ minWidth: 140 }}
            options={(['customer', 'service_company'] as const).map((p) => ({
              value: p,
              label: t(`mvisit.parties.${p}`),
            }))}
          />
        </Form.Item>
      </Space>
      <Space wrap>
        <Button htmlType="submit" loading={busy}>
          {t('mvisit.saveSuggestion')}
        </Button>
        {s.ticketNumber ? (
          <Tag color="blue" data-testid="mv-ticket">
            {t('mvisit.ticketMade', { number: s.ticketNumber })}
          </Tag>
        ) : (
          <Button
            danger
            loading={busy}
            onClick={() => run(() => api.post(`/api/v1/maintenance/suggestions/${s.id}/ticket`))}
            data-testid="mv-make-ticket"
          >
            {t('mvisit.makeTicket')}
          </Button>
        )}
      </Space>
    </Form>
  );
}

function RecordCard({
  visit,
  workOrderId,
  queue,
}: {
  visit: TVisitChecklist;
  workOrderId: string;
  queue: VisitQueue;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const signature = useRef<SignatureHandle>(null);
  const [signedBy, setSignedBy] = useState('');
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const r = visit.record;
  const canSign = !r || r.status === 'returned';
  const sign = async () => {
    const drawn = signature.current?.value();
    if (!drawn) {
      message.warning(t('mvisit.needSignature'));
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/v1/maintenance/visits/${visit.visitId}/sign`, {
        signedBy: signedBy.trim(),
        signature: drawn,
        at: new Date().toISOString(),
        summary: summary.trim() || null,
      });
      await client.invalidateQueries({ queryKey: [maintenanceVisitKey, workOrderId] });
      await client.invalidateQueries({ queryKey: ['work-orders'] });
    } catch (e) {
      message.error(
        e instanceof ApiError
          ? e
              .fieldErrors()
              .map((f) => f.message)
              .join('；') || e.message
          : String(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('mvisit.record')} data-testid="mv-record">
      {r && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: canSign ? 12 : 0 }}>
          <Tag
            color={r.status === 'returned' ? 'red' : r.status === 'approved' ? 'green' : 'blue'}
            data-testid="mv-record-status"
          >
            {t(`mvisit.statuses.${r.status}`)}
          </Tag>
          {r.status === 'returned' && (
            <Alert type="error" message={t('mvisit.returned', { reason: r.returnReason ?? '' })} />
          )}
          <div>
            {t('mvisit.signedBy')}：{r.signedBy}
          </div>
          <Button href={`/api/v1/maintenance/records/${r.visitId}/pdf`} data-testid="mv-record-pdf">
            {t('mvisit.pdf')}
          </Button>
        </Space>
      )}
      {canSign && (
        <Form layout="vertical">
          <Form.Item label={t('mvisit.summary')} htmlFor="mv-summary">
            <Input.TextArea
              id="mv-summary"
              rows={2}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('mvisit.signHere')}>
            <SignatureField ref={signature} />
          </Form.Item>
          <Form.Item label={t('mvisit.signedBy')} required htmlFor="mv-signed-by">
            <Input
              id="mv-signed-by"
              size="large"
              value={signedBy}
              onChange={(e) => setSignedBy(e.target.value)}
              data-testid="mv-signed-by"
            />
          </Form.Item>
          {queue.pending > 0 && (
            <Alert type="info" style={{ marginBottom: 8 }} message={t('mvisit.signOffline')} />
          )}
          <Button
            type="primary"
            size="large"
            block
            danger
            loading={busy}
            disabled={!signedBy.trim() || queue.pending > 0 || !queue.online}
            onClick={() => void sign()}
            data-testid="mv-sign"
          >
            {t('mvisit.sign')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
