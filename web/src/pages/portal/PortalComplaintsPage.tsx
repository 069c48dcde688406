import { App, Button, Empty, Form, Input, Modal, Select, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, type TComplaintListItem } from '../../../../common/complaints-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useComplaintCreate } from '../../features/complaints/complaint-create-mutation.ts';
import { useComplaint } from '../../features/complaints/complaint-query.ts';
import { useComplaintStep } from '../../features/complaints/complaint-step-mutation.ts';
import { useComplaints } from '../../features/complaints/complaints-query.ts';
import { useSuggestionCreate } from '../../features/complaints/suggestion-create-mutation.ts';
import { useSuggestions } from '../../features/complaints/suggestions-query.ts';
import { statusColor } from '../complaints/status-colors.ts';
import { usePortalDate } from './portal-dates.ts';

/** The customer's complaints and suggestions (cards on a phone), filing new ones, and the satisfaction question. */
export function PortalComplaintsPage() {
  const { t } = useTranslation();
  const date = usePortalDate();
  const complaints = useComplaints({});
  const suggestions = useSuggestions({});
  const [dialog, setDialog] = useState<'complaint' | 'suggestion' | null>(null);
  return (
    <>
      <h1 className="page-title">{t('complaints.portal.myComplaints')}</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setDialog('complaint')} data-testid="portal-complaint-new">
          {t('complaints.portal.file')}
        </Button>
        <Button onClick={() => setDialog('suggestion')} data-testid="portal-suggestion-new">
          {t('complaints.portal.suggest')}
        </Button>
      </Space>
      {complaints.isLoading ? (
        <Spin />
      ) : !complaints.items.length ? (
        <Empty description={t('complaints.empty')} />
      ) : (
        <div className="portal-cards" data-testid="portal-complaints">
          {complaints.items.map((c) => (
            <ComplaintCard key={c.id} c={c} />
          ))}
        </div>
      )}
      <LoadMore
        hasMore={Boolean(complaints.hasNextPage)}
        loading={complaints.isFetchingNextPage}
        onClick={() => void complaints.fetchNextPage()}
      />
      <h2 style={{ marginTop: 24 }}>{t('complaints.portal.mySuggestions')}</h2>
      {!suggestions.items.length ? (
        <Empty description={t('complaints.suggestions.empty')} />
      ) : (
        <div className="portal-cards" data-testid="portal-suggestion-cards">
          {suggestions.items.map((s) => (
            <div key={s.id} className="portal-card">
              <div className="portal-card-head">
                <b>{s.number}</b>
                <Tag>{t(`complaints.suggestions.statuses.${s.status}`)}</Tag>
              </div>
              <div className="portal-card-title">{s.title}</div>
              <div className="portal-card-meta">{date(s.createdAt)}</div>
              {s.decisionReason && <div className="portal-card-meta">{s.decisionReason}</div>}
            </div>
          ))}
        </div>
      )}
      {dialog === 'complaint' && <FileComplaint onClose={() => setDialog(null)} />}
      {dialog === 'suggestion' && <FileSuggestion onClose={() => setDialog(null)} />}
    </>
  );
}

function ComplaintCard({ c }: { c: TComplaintListItem }) {
  const { t } = useTranslation();
  const date = usePortalDate();
  const asking = c.status === 'handled' || c.status === 'feedback';
  return (
    <div className="portal-card" data-testid="portal-complaint">
      <div className="portal-card-head">
        <b>{c.number}</b>
        <Tag color={statusColor[c.status]}>{t(`complaints.statuses.${c.status}`)}</Tag>
      </div>
      <div className="portal-card-title">{c.matter}</div>
      <div className="portal-card-meta">
        {date(c.receivedAt)} · {t(`complaints.categories.${c.category}`)}
      </div>
      {c.status !== 'closed' && c.status !== 'satisfied' && (
        <div className="portal-card-meta">
          {t('complaints.portal.expected')} {date(c.expectedAnswerAt)}
        </div>
      )}
      {asking && <SatisfactionQuestion id={c.id} />}
    </div>
  );
}

/** The feedback step answered by the complainant: the answer and the plan, then yes or no. */
function SatisfactionQuestion({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const complaint = useComplaint(id);
  const step = useComplaintStep(id);
  const c = complaint.data;
  if (!c) return null;
  const answer = (satisfied: boolean) =>
    step.mutate(
      { step: 'feedback', body: { version: c.version, satisfied } },
      { onSuccess: () => void message.success(t('complaints.portal.thanks')) },
    );
  return (
    <div data-testid="portal-feedback" style={{ marginTop: 8 }}>
      {c.solution && (
        <div className="portal-card-meta">
          {t('complaints.portal.answer')}：{c.solution}
        </div>
      )}
      {c.milestones.filter((m) => !m.doneAt).length > 0 && (
        <div className="portal-card-meta">
          {t('complaints.portal.plan')}：
          {c.milestones
            .filter((m) => !m.doneAt)
            .map((m) => `${m.dueOn} ${m.title}`)
            .join('；')}
        </div>
      )}
      <div style={{ margin: '6px 0' }}>{t('complaints.portal.question')}</div>
      <Space wrap>
        <Button type="primary" size="small" onClick={() => answer(true)} data-testid="portal-satisfied">
          {t('complaints.portal.yes')}
        </Button>
        <Button danger size="small" onClick={() => answer(false)} data-testid="portal-unsatisfied">
          {t('complaints.portal.no')}
        </Button>
      </Space>
    </div>
  );
}

function FileComplaint({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [form] = Form.useForm();
  const create = useComplaintCreate();
  return (
    <Modal
      open
      title={t('complaints.portal.file')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ complainantName: me?.displayName, category: 'other' }}
        onFinish={(v) =>
          create.mutate(
            { ...v, language: i18n.language === 'en' ? 'en' : 'zh-CN' },
            { onSuccess: onClose, onError: (err) => void message.error(applyServerErrors(form, err)) },
          )
        }
      >
        <Form.Item label={t('complaints.complainant')} name="complainantName" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('complaints.contactPhone')} name="contactPhone">
          <Input />
        </Form.Item>
        <Form.Item label={t('complaints.contactEmail')} name="contactEmail" rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('complaints.category')} name="category">
          <Select
            options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('complaints.matter')} name="matter" rules={[{ required: true }]}>
          <Input.TextArea rows={4} data-testid="portal-complaint-matter" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FileSuggestion({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const create = useSuggestionCreate();
  return (
    <Modal open title={t('complaints.portal.suggest')} onCancel={onClose} onOk={() => form.submit()}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { ...v, language: i18n.language === 'en' ? 'en' : 'zh-CN' },
            { onSuccess: onClose, onError: (err) => void message.error(applyServerErrors(form, err)) },
          )
        }
      >
        <Form.Item label={t('complaints.suggestions.titleField')} name="title" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          label={t('complaints.suggestions.description')}
          name="description"
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item label={t('complaints.contactEmail')} name="contactEmail" rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
