import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CHECKLIST_ITEM_KINDS,
  MAINTENANCE_CYCLES,
  type TCreateTemplateRequest,
  type TTemplate,
} from '../../../../common/maintenance-api.ts';
import { SIZE_CLASSES } from '../../../../common/registry-api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useTemplateSave } from '../../features/maintenance/template-save-mutation.ts';

type Item = TCreateTemplateRequest['checklist'][number];
type Values = Omit<TCreateTemplateRequest, 'checklist'> & { checklist: Partial<Item>[] };

/** Items get a stable code of their own (kept when edited), so nobody types one. */
function withKeys(items: Partial<Item>[]): Item[] {
  const used = new Set(items.map((i) => i.key).filter(Boolean));
  let n = 0;
  return items.map((item) => {
    if (item.key) return item as Item;
    do n++;
    while (used.has(`item-${n}`));
    used.add(`item-${n}`);
    return { ...item, key: `item-${n}` } as Item;
  });
}

export function TemplateFormModal({
  template,
  onClose,
}: {
  template: TTemplate | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useTemplateSave(template);
  const initial: Partial<Values> = template
    ? {
        name: template.name,
        cycle: template.cycle,
        category: template.category,
        sizeClass: template.sizeClass,
        intervalMonths: template.intervalMonths,
        active: template.active,
        checklist: template.checklist,
      }
    : {
        cycle: 'routine',
        active: true,
        checklist: [{ kind: 'check', required: true, photoRequired: false }],
      };
  return (
    <FormModal
      open
      title={template ? t('maintenance.editTemplate') : t('maintenance.newTemplate')}
      form={form}
      onCancel={onClose}
      loading={save.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) =>
          save.mutate(
            {
              ...values,
              category: values.category?.trim() || null,
              sizeClass: values.sizeClass ?? null,
              intervalMonths: values.intervalMonths ?? null,
              checklist: withKeys(
                values.checklist.map((i) => ({
                  ...i,
                  unit: i.unit?.trim() || null,
                  min: i.min ?? null,
                  max: i.max ?? null,
                  required: i.required ?? true,
                  photoRequired: i.photoRequired ?? false,
                })),
              ),
            },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item name="name" label={t('maintenance.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="cycle" label={t('maintenance.cycle')}>
          <Select
            options={MAINTENANCE_CYCLES.map((c) => ({ value: c, label: t(`maintenance.cycles.${c}`) }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="category" label={t('maintenance.category')}>
            <Input placeholder={t('maintenance.anyCategory')} />
          </Form.Item>
          <Form.Item name="sizeClass" label={t('maintenance.sizeClass')}>
            <Select
              allowClear
              style={{ minWidth: 180 }}
              placeholder={t('maintenance.anySize')}
              options={SIZE_CLASSES.map((s) => ({ value: s, label: t(`sizeClasses.${s}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="intervalMonths"
            label={t('maintenance.intervalMonths')}
            extra={t('maintenance.intervalDefault')}
          >
            <InputNumber min={1} max={120} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="active" label={t('maintenance.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <strong>{t('maintenance.checklist')}</strong>
              {fields.map((field) => (
                <Card key={field.key} size="small">
                  <Form.Item name={[field.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item
                      name={[field.name, 'label']}
                      label={t('maintenance.itemLabel')}
                      rules={[{ required: true, max: 200 }]}
                    >
                      <Input style={{ minWidth: 200 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'kind']}
                      label={t('maintenance.itemKind')}
                      rules={[{ required: true }]}
                    >
                      <Select
                        style={{ minWidth: 200 }}
                        options={CHECKLIST_ITEM_KINDS.map((k) => ({
                          value: k,
                          label: t(`maintenance.itemKinds.${k}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const kind = form.getFieldValue(['checklist', field.name, 'kind']);
                        if (kind !== 'measurement' && kind !== 'reading') return null;
                        return (
                          <Space wrap>
                            <Form.Item name={[field.name, 'unit']} label={t('maintenance.unit')}>
                              <Input style={{ width: 80 }} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'min']} label={t('maintenance.min')}>
                              <InputNumber />
                            </Form.Item>
                            <Form.Item name={[field.name, 'max']} label={t('maintenance.max')}>
                              <InputNumber />
                            </Form.Item>
                          </Space>
                        );
                      }}
                    </Form.Item>
                  </Space>
                  <Space wrap>
                    <Form.Item name={[field.name, 'required']} valuePropName="checked" noStyle>
                      <Checkbox>{t('maintenance.required')}</Checkbox>
                    </Form.Item>
                    <Form.Item name={[field.name, 'photoRequired']} valuePropName="checked" noStyle>
                      <Checkbox>{t('maintenance.photoRequired')}</Checkbox>
                    </Form.Item>
                    <Button
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('common.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'check', required: true, photoRequired: false })}
              >
                {t('maintenance.addItem')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}
