import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PROBLEM_ACTIONS,
  PROBLEM_CLASSES,
  type TFollowUp,
  type TProblemAction,
  type TProblemClass,
} from '../../../../common/followups-api.ts';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useCustomerTold } from '../../features/followups/customer-told-mutation.ts';
import { useRecordOutcome } from '../../features/followups/outcome-mutation.ts';

// Only the fields on screen are in the values: the lists may be missing.
interface Values {
  reached: boolean;
  answers?: string[];
  satisfaction?: number;
  problems?: { class: TProblemClass; action: TProblemAction; description: string; note?: string }[];
  suggestions?: string;
  checks?: { item: string; ok: boolean; note?: string }[];
  coaching?: string;
  note?: string;
}

/** Which actions fit a kind of problem (篇1 四.2): usage → guidance or a consultation; others → a ticket. */
const actionsOf = (c: TProblemClass | undefined): readonly TProblemAction[] =>
  c === 'usage' ? ['guidance', 'consultation_ticket'] : c ? ['ticket'] : PROBLEM_ACTIONS;

/** The outcome of a call with the rule's questions; or, once problems were passed on, "customer told". */
export function OutcomeForm({ f, onDone }: { f: TFollowUp; onDone: () => void }) {
  if (f.status === 'awaiting_customer') return <ToldForm f={f} onDone={onDone} />;
  return <CallForm f={f} onDone={onDone} />;
}

function CallForm({ f, onDone }: { f: TFollowUp; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordOutcome();
  const reached = Form.useWatch('reached', form);
  const problems = Form.useWatch('problems', form) ?? [];
  const onsite = f.rule === 'onsite_monthly' || f.channel === 'on_site';
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ reached: undefined, answers: f.questions.map(() => ''), problems: [], checks: [] }}
      onFinish={(v) =>
        record.mutate(
          {
            id: f.id,
            body: v.reached
              ? {
                  version: f.version,
                  reached: true,
                  answers: f.questions.map((q, i) => ({ question: q, answer: v.answers?.[i] ?? '' })),
                  satisfaction: v.satisfaction ?? null,
                  problems: (v.problems ?? []).map((p) => ({ ...p, note: p.note ?? null })),
                  suggestions: v.suggestions || null,
                  equipmentCheck: (v.checks ?? []).map((c) => ({
                    item: c.item,
                    ok: Boolean(c.ok),
                    note: c.note ?? null,
                  })),
                  coaching: v.coaching || null,
                  note: v.note || null,
                }
              : {
                  version: f.version,
                  reached: false,
                  note: v.note || null,
                  answers: [],
                  problems: [],
                  equipmentCheck: [],
                },
          },
          {
            onSuccess: () => {
              onDone();
              void message.success(t('followups.outcome.saved'));
            },
            onError: (err) =>
              void message.error(
                err instanceof ApiError && err.status === 409
                  ? t('followups.outcome.stale')
                  : applyServerErrors(form, err),
              ),
          },
        )
      }
    >
      <Form.Item name="reached" label={t('followups.outcome.reached')} rules={[{ required: true }]}>
        <Radio.Group size="large" optionType="button" buttonStyle="solid">
          <Radio value={true} data-testid="reached-yes">
            {t('followups.outcome.yes')}
          </Radio>
          <Radio value={false} data-testid="reached-no">
            {t('followups.outcome.no')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {reached === false && <p style={{ color: '#666' }}>{t('followups.outcome.retryNote')}</p>}
      {reached && (
        <>
          {f.questions.map((q, i) => (
            <Form.Item key={q} name={['answers', i]} label={q}>
              <Input.TextArea autoSize aria-label={q} />
            </Form.Item>
          ))}
          <Form.Item name="satisfaction" label={t('followups.outcome.satisfaction')}>
            <Radio.Group size="large" optionType="button">
              {[1, 2, 3, 4, 5].map((n) => (
                <Radio key={n} value={n} data-testid={`satisfaction-${n}`}>
                  {n}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.List name="problems">
            {(fields, { add, remove }) => (
              <div>
                <div style={{ marginBottom: 8 }}>{t('followups.outcome.problems')}</div>
                {fields.map((field) => {
                  const cls = problems[field.name]?.class;
                  return (
                    <Space key={field.key} wrap align="start" style={{ marginBottom: 8 }}>
                      <Form.Item name={[field.name, 'class']} rules={[{ required: true }]} noStyle>
                        <Select
                          aria-label={t('followups.outcome.problemClass')}
                          placeholder={t('followups.outcome.problemClass')}
                          style={{ width: 140 }}
                          options={PROBLEM_CLASSES.map((c) => ({
                            value: c,
                            label: t(`followups.outcome.classes.${c}`),
                          }))}
                          onChange={(c: TProblemClass) =>
                            form.setFieldValue(['problems', field.name, 'action'], actionsOf(c)[0])
                          }
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'action']} rules={[{ required: true }]} noStyle>
                        <Select
                          aria-label={t('followups.outcome.action')}
                          placeholder={t('followups.outcome.action')}
                          style={{ width: 200 }}
                          options={actionsOf(cls).map((a) => ({
                            value: a,
                            label: t(`followups.outcome.actions.${a}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'description']} rules={[{ required: true }]} noStyle>
                        <Input
                          aria-label={t('followups.outcome.description')}
                          placeholder={t('followups.outcome.description')}
                          style={{ width: 260 }}
                        />
                      </Form.Item>
                      {cls === 'usage' && (
                        <Form.Item name={[field.name, 'note']} noStyle>
                          <Input
                            aria-label={t('followups.outcome.guidanceNote')}
                            placeholder={t('followups.outcome.guidanceNote')}
                            style={{ width: 220 }}
                          />
                        </Form.Item>
                      )}
                      <Button icon={<DeleteOutlined />} aria-label="−" onClick={() => remove(field.name)} />
                    </Space>
                  );
                })}
                <Button icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 16 }}>
                  {t('followups.outcome.addProblem')}
                </Button>
              </div>
            )}
          </Form.List>
          <Form.Item name="suggestions" label={t('followups.outcome.suggestions')}>
            <Input.TextArea autoSize />
          </Form.Item>
          {onsite && (
            <>
              <Form.List name="checks">
                {(fields, { add, remove }) => (
                  <div>
                    <div style={{ marginBottom: 8 }}>{t('followups.outcome.equipment')}</div>
                    {fields.map((field) => (
                      <Space key={field.key} wrap style={{ marginBottom: 8 }}>
                        <Form.Item name={[field.name, 'item']} rules={[{ required: true }]} noStyle>
                          <Input
                            aria-label={t('followups.outcome.checkItem')}
                            placeholder={t('followups.outcome.checkItem')}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'ok']} valuePropName="checked" noStyle>
                          <Checkbox>{t('followups.outcome.checkOk')}</Checkbox>
                        </Form.Item>
                        <Form.Item name={[field.name, 'note']} noStyle>
                          <Input
                            aria-label={t('followups.outcome.note')}
                            placeholder={t('followups.outcome.note')}
                          />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} aria-label="−" onClick={() => remove(field.name)} />
                      </Space>
                    ))}
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add({ ok: true })}
                      style={{ marginBottom: 16 }}
                    >
                      {t('followups.outcome.addCheck')}
                    </Button>
                  </div>
                )}
              </Form.List>
              <Form.Item name="coaching" label={t('followups.outcome.coaching')}>
                <Input.TextArea autoSize />
              </Form.Item>
            </>
          )}
        </>
      )}
      <Form.Item name="note" label={t('followups.outcome.note')}>
        <Input.TextArea autoSize />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={record.isPending}
        data-testid="outcome-save"
      >
        {t('followups.outcome.save')}
      </Button>
    </Form>
  );
}

function ToldForm({ f, onDone }: { f: TFollowUp; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const told = useCustomerTold();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ul style={{ margin: 0 }}>
        {f.problems.map((p) => (
          <li key={`${p.class}:${p.description}`}>
            {t(`followups.outcome.classes.${p.class}`)}：{p.description}
            {p.ticketNumber && `（${t('followups.outcome.ticket', { number: p.ticketNumber })}）`}
          </li>
        ))}
      </ul>
      <Input.TextArea
        aria-label={t('followups.outcome.toldNote')}
        placeholder={t('followups.outcome.toldNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        autoSize
      />
      <Button
        type="primary"
        size="large"
        block
        disabled={!note.trim()}
        loading={told.isPending}
        data-testid="customer-told"
        onClick={() =>
          told.mutate(
            { id: f.id, version: f.version, note: note.trim() },
            {
              onSuccess: () => {
                onDone();
                void message.success(t('followups.outcome.saved'));
              },
              onError: (err) =>
                void message.error(
                  err instanceof ApiError && err.status === 409 ? t('followups.outcome.stale') : err.message,
                ),
            },
          )
        }
      >
        {t('followups.outcome.told')}
      </Button>
    </Space>
  );
}
