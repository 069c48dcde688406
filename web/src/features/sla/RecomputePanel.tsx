import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Radio, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TRecomputeChange, TRecomputeRequest, TRecomputeResponse } from '../../../../common/sla-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../auth/me-query.ts';
import { useSlaRecompute } from './sla-recompute-mutation.ts';

type Mode = 'history' | 'current-policy';
interface Values {
  mode: Mode;
  ticketNumber?: string;
  range?: [{ toISOString(): string }, { toISOString(): string }];
}

function requestOf(v: Values): TRecomputeRequest | null {
  const mode = v.mode;
  if (v.ticketNumber?.trim()) return { ticketNumber: v.ticketNumber.trim(), mode };
  if (v.range) return { from: v.range[0].toISOString(), to: v.range[1].toISOString(), mode };
  return null;
}

/**
 * Recompute from history (deadlines keep the definitions they were promised with), or re-apply the
 * current policy after a correction: previewed first, applied on confirmation.
 */
export function RecomputePanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const run = useSlaRecompute();
  const [preview, setPreview] = useState<{ request: TRecomputeRequest; result: TRecomputeResponse }>();
  const mode = Form.useWatch('mode', form) ?? 'history';
  const when = (v: string | null) =>
    v ? new Date(v).toLocaleString(i18n.language, { timeZone: me?.organisationTimeZone }) : '—';

  const submit = (request: TRecomputeRequest) =>
    run.mutate(request, {
      onSuccess: (r) => {
        if (!r.applied) {
          setPreview({ request, result: r });
          return;
        }
        setPreview(undefined);
        message.success(t('sla.recomputeDone', { tickets: r.tickets, changed: r.deadlinesChanged }));
      },
      onError: (err) => message.error(applyServerErrors(form, err)),
    });

  return (
    <Card>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('sla.recomputeIntro')} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: 'history' }}
        onValuesChange={() => setPreview(undefined)}
        onFinish={(v) => {
          const request = requestOf(v);
          if (!request) message.warning(t('sla.recomputeWhich'));
          else submit(request);
        }}
      >
        <Form.Item name="mode" label={t('sla.recomputeMode')}>
          <Radio.Group data-testid="sla-recompute-mode">
            <Space direction="vertical">
              <Radio value="history">{t('sla.recomputeHistory')}</Radio>
              <Radio value="current-policy">{t('sla.recomputeCurrentPolicy')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="ticketNumber" label={t('sla.recomputeTicket')}>
          <Input style={{ maxWidth: 360 }} placeholder="BX-2026-000123" data-testid="sla-recompute-number" />
        </Form.Item>
        <Form.Item name="range" label={t('sla.recomputeRange')}>
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="sla-recompute-run">
          {mode === 'current-policy' ? t('sla.recomputePreview') : t('sla.recomputeRun')}
        </Button>
      </Form>
      {preview && (
        <div style={{ marginTop: 24 }} data-testid="sla-recompute-preview">
          <Alert
            type={preview.result.deadlinesChanged ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            message={t('sla.recomputePreviewSummary', {
              tickets: preview.result.tickets,
              changed: preview.result.deadlinesChanged,
            })}
            description={
              preview.result.changes.length < preview.result.deadlinesChanged
                ? t('sla.recomputePreviewFirst', { count: preview.result.changes.length })
                : undefined
            }
          />
          {preview.result.changes.length > 0 && (
            <Table<TRecomputeChange>
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              rowKey={(c) => `${c.ticketNumber}:${c.metric}`}
              dataSource={preview.result.changes}
              columns={[
                { title: t('sla.recomputeTicket'), dataIndex: 'ticketNumber' },
                {
                  title: t('sla.metric'),
                  dataIndex: 'metric',
                  render: (m: string) => t(`sla.metrics.${m}`, { defaultValue: m }),
                },
                { title: t('sla.dueBefore'), dataIndex: 'dueAtBefore', render: when },
                { title: t('sla.dueAfter'), dataIndex: 'dueAtAfter', render: when },
              ]}
            />
          )}
          {preview.result.deadlinesChanged > 0 && (
            <Popconfirm
              title={t('sla.recomputeApplyConfirm', { changed: preview.result.deadlinesChanged })}
              onConfirm={() => submit({ ...preview.request, confirm: true })}
            >
              <Button
                type="primary"
                danger
                style={{ marginTop: 12 }}
                loading={run.isPending}
                data-testid="sla-recompute-apply"
              >
                {t('sla.recomputeApply')}
              </Button>
            </Popconfirm>
          )}
        </div>
      )}
    </Card>
  );
}
