import { App, Button, Card, Descriptions, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { Attachments } from '../files/Attachments.tsx';
import { useSubmitFeedback } from './feedback-submit-mutation.ts';
import { useWorkOrderFeedback } from './work-order-feedback-query.ts';

/**
 * The field feedback form (售后信息反馈意见表) on the engineer's phone, after the work order is
 * completed: the fault found, its cause, the customer's opinion, suggestions, photos and videos.
 */
export function FeedbackCard({
  workOrderId,
  customerId,
}: {
  workOrderId: string;
  customerId: string | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const form = useWorkOrderFeedback(workOrderId, true);
  const submit = useSubmitFeedback(workOrderId);
  const [fileIds, setFileIds] = useState<string[]>([]);
  const [antForm] = Form.useForm<{
    faultFound: string;
    cause: string;
    customerOpinion: string;
    suggestions?: string;
  }>();
  if (form.isLoading) return null;
  const filled = form.data;
  return (
    <Card size="small" title={t('quality.feedback.title')} data-testid="feedback-card">
      {filled ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('quality.feedback.faultFound')}>{filled.faultFound}</Descriptions.Item>
          <Descriptions.Item label={t('quality.feedback.cause')}>{filled.cause}</Descriptions.Item>
          <Descriptions.Item label={t('quality.feedback.customerOpinion')}>
            {filled.customerOpinion}
          </Descriptions.Item>
          {filled.suggestions && (
            <Descriptions.Item label={t('quality.feedback.suggestions')}>
              {filled.suggestions}
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Form
          form={antForm}
          layout="vertical"
          onFinish={(v) =>
            submit.mutate(
              { ...v, suggestions: v.suggestions?.trim() ? v.suggestions : undefined, fileIds },
              {
                onSuccess: () => void message.success(t('quality.feedback.submitted')),
                onError: (err) => void message.error(applyServerErrors(antForm, err)),
              },
            )
          }
        >
          <Form.Item name="faultFound" label={t('quality.feedback.faultFound')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="cause" label={t('quality.feedback.cause')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="customerOpinion"
            label={t('quality.feedback.customerOpinion')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="suggestions" label={t('quality.feedback.suggestions')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item label={t('quality.feedback.files')}>
            <Attachments
              fileIds={fileIds}
              customerId={customerId}
              canEdit
              max={20}
              onChange={async (ids) => setFileIds(ids)}
            />
          </Form.Item>
          <Button type="primary" size="large" block htmlType="submit" loading={submit.isPending}>
            {t('quality.feedback.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
