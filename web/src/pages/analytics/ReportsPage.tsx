import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../common/calendar-dates.ts';
import {
  lastWholePeriod,
  previousPeriod,
  type TReportKind,
  type TReportRecipient,
  type TReportRunSummary,
} from '../../../../common/reports-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useOrganisationToday } from '../../features/parts/organisation-today.ts';
import { useGenerateReport } from '../../features/reports/report-generate-mutation.ts';
import { useReportRecipients } from '../../features/reports/report-recipients-query.ts';
import { useSaveReportRecipients } from '../../features/reports/report-recipients-save-mutation.ts';
import { useReports } from '../../features/reports/reports-query.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';

const lang = (l: string) => (l === 'en' ? 'en' : 'zh-CN');

/** The last `n` weeks (their Mondays) or months up to the current one, newest first. */
function recentPeriods(kind: 'weekly' | 'monthly', today: string, n = 12) {
  const current = kind === 'weekly' ? addDays(lastWholePeriod('weekly', today), 7) : today.slice(0, 7);
  const out = [current];
  while (out.length < n) out.push(previousPeriod(kind, out.at(-1)!));
  return out;
}

function GenerateCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const today = useOrganisationToday();
  const [kind, setKind] = useState<'weekly' | 'monthly'>('monthly');
  const periods = recentPeriods(kind, today);
  const [period, setPeriod] = useState<string | null>(null);
  const [email, setEmail] = useState(false);
  const generate = useGenerateReport();
  const chosen = period && periods.includes(period) ? period : (periods[1] ?? periods[0]!);
  const label = (p: string) => (kind === 'weekly' ? `${p} – ${addDays(p, 6)}` : p);
  return (
    <Card size="small" title={t('reports.generate.title')} style={{ marginBottom: 16 }}>
      <Space wrap>
        <Select
          aria-label={t('reports.generate.kind')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPeriod(null);
          }}
          style={{ width: 200 }}
          options={(['weekly', 'monthly'] as const).map((k) => ({
            value: k,
            label: t(`reports.kinds.${k}`),
          }))}
          data-testid="report-kind"
        />
        <Select
          aria-label={kind === 'weekly' ? t('reports.generate.week') : t('reports.generate.month')}
          value={chosen}
          onChange={setPeriod}
          style={{ width: 240 }}
          options={periods.map((p) => ({ value: p, label: label(p) }))}
          data-testid="report-period"
        />
        <Checkbox checked={email} onChange={(e) => setEmail(e.target.checked)}>
          {t('reports.generate.email')}
        </Checkbox>
        <Button
          type="primary"
          loading={generate.isPending}
          data-testid="report-generate"
          onClick={() =>
            generate.mutate(
              { kind, period: chosen, email },
              { onSuccess: () => void message.success(t('reports.generate.done')) },
            )
          }
        >
          {t('reports.generate.submit')}
        </Button>
      </Space>
      {generate.error && <Alert type="error" message={generate.error.message} style={{ marginTop: 12 }} />}
    </Card>
  );
}

function ReportsTable() {
  const { t, i18n } = useTranslation();
  const time = useOrganisationTime();
  const [kind, setKind] = useState<TReportKind | 'all'>('all');
  const list = useReports(kind === 'all' ? undefined : kind);
  const file = (r: TReportRunSummary, format: 'pdf' | 'xlsx', l: string) =>
    `/api/v1/reports/${r.id}/${format}?lang=${l}`;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as TReportKind | 'all')}
        options={[
          { value: 'all', label: t('reports.allKinds') },
          ...(['weekly', 'monthly', 'project_monthly'] as const).map((k) => ({
            value: k,
            label: t(`reports.kinds.${k}`),
          })),
        ]}
        style={{ marginBottom: 12 }}
      />
      {list.error && <Alert type="error" message={list.error.message} />}
      <Table<TReportRunSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('reports.list.empty')} /> }}
        data-testid="reports-table"
        columns={[
          {
            title: t('reports.list.report'),
            key: 'kind',
            render: (_, r) => (
              <Space>
                {t(`reports.kinds.${r.kind}`)}
                {r.empty && <Tag>{t('reports.list.noActivity')}</Tag>}
              </Space>
            ),
          },
          { title: t('reports.list.period'), key: 'period', render: (_, r) => `${r.from} – ${r.to}` },
          {
            title: t('reports.list.project'),
            key: 'project',
            render: (_, r) => [r.customerName, r.projectName].filter(Boolean).join(' · ') || '—',
          },
          { title: t('reports.list.generatedAt'), key: 'at', render: (_, r) => time.dateTime(r.generatedAt) },
          {
            title: t('reports.list.trigger'),
            key: 'trigger',
            render: (_, r) => t(`reports.list.triggers.${r.trigger}`),
          },
          {
            title: t('reports.list.emailedTo'),
            key: 'emailed',
            render: (_, r) => (r.emailedTo ? t('reports.list.emailedCount', { count: r.emailedTo }) : '—'),
          },
          {
            title: t('reports.list.files'),
            key: 'files',
            render: (_, r) => (
              <Space size="small" wrap>
                <a href={file(r, 'pdf', 'zh-CN')} data-testid="report-pdf-zh">
                  {t('reports.list.pdfZh')}
                </a>
                <a href={file(r, 'pdf', 'en')} data-testid="report-pdf-en">
                  {t('reports.list.pdfEn')}
                </a>
                <a href={file(r, 'xlsx', lang(i18n.language))} data-testid="report-xlsx">
                  {t('reports.list.excel')}
                </a>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

interface RecipientRow {
  userId?: string;
  email?: string;
  lang: 'zh-CN' | 'en';
  weekly: boolean;
  monthly: boolean;
}

function RecipientsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useReportRecipients(true);
  const staff = useStaffDirectory();
  const save = useSaveReportRecipients();
  const [form] = Form.useForm<{ recipients: RecipientRow[] }>();
  const [error, setError] = useState<string | null>(null);
  if (!q.data) return q.error ? <Alert type="error" message={q.error.message} /> : null;
  const initial: RecipientRow[] = q.data.items.map((r: TReportRecipient) => ({
    userId: r.userId ?? undefined,
    email: r.userId ? undefined : (r.email ?? undefined),
    lang: r.lang,
    weekly: r.weekly,
    monthly: r.monthly,
  }));
  return (
    <Card size="small" title={t('reports.recipients.title')}>
      <p>{t('reports.recipients.intro')}</p>
      <Form
        form={form}
        initialValues={{ recipients: initial }}
        onFinish={(v) => {
          setError(null);
          save.mutate(
            {
              recipients: (v.recipients ?? []).map((r) => ({
                ...(r.userId ? { userId: r.userId } : { email: r.email?.trim() }),
                lang: r.lang,
                weekly: r.weekly,
                monthly: r.monthly,
              })),
            },
            {
              onSuccess: () => void message.success(t('reports.recipients.saved')),
              onError: (err) => {
                // The server names `recipients.N.userId` / `.email`: put it on that row's control.
                const rest = applyServerErrors(form, err);
                const fields =
                  err && 'fieldErrors' in err
                    ? (err as { fieldErrors(): { field: string; message: string }[] }).fieldErrors()
                    : [];
                const rows = fields.filter((f) => /^recipients\.\d+\.(userId|email)$/.test(f.field));
                if (rows.length)
                  form.setFields(
                    rows.map((f) => {
                      const [, i, name] = f.field.split('.');
                      return {
                        name: ['recipients', Number(i), name === 'userId' ? 'userId' : 'email'],
                        errors: [f.message],
                      };
                    }),
                  );
                else setError(rest);
              },
            },
          );
        }}
      >
        <Form.List name="recipients">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && <Empty description={t('reports.recipients.none')} />}
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" data-testid="report-recipient">
                  <Form.Item name={[f.name, 'userId']} style={{ width: 200 }}>
                    <Select
                      allowClear
                      showSearch
                      optionFilterProp="label"
                      aria-label={t('reports.recipients.staff')}
                      placeholder={t('reports.recipients.staff')}
                      options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'email']} style={{ width: 220 }}>
                    <Input
                      aria-label={t('reports.recipients.email')}
                      placeholder={t('reports.recipients.email')}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'lang']} style={{ width: 100 }}>
                    <Select
                      aria-label={t('reports.recipients.lang')}
                      options={(['zh-CN', 'en'] as const).map((l) => ({
                        value: l,
                        label: t(`reports.recipients.langs.${l}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weekly']} valuePropName="checked">
                    <Checkbox>{t('reports.recipients.weekly')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[f.name, 'monthly']} valuePropName="checked">
                    <Checkbox>{t('reports.recipients.monthly')}</Checkbox>
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{t('reports.recipients.remove')}</Button>
                </Space>
              ))}
              <Space style={{ display: 'flex' }}>
                <Button onClick={() => add({ lang: 'zh-CN', weekly: true, monthly: true })}>
                  {t('reports.recipients.add')}
                </Button>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={save.isPending}
                  data-testid="report-recipients-save"
                >
                  {t('reports.recipients.save')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
      {error && <Alert type="error" message={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}

/** Reports that write themselves (issue 19): past reports to download, one on demand, the recipients. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const manage = Boolean(me?.permissions.includes('reports.manage'));
  return (
    <>
      <h1 className="page-title">{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      {manage && <GenerateCard />}
      <ReportsTable />
      {manage && <RecipientsCard />}
    </>
  );
}
