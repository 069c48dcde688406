import { type FormInstance, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/** A dialog around a form: OK submits the form, Cancel closes, the form is rebuilt on each open. */
export function FormModal({
  open,
  title,
  form,
  onCancel,
  loading,
  children,
}: {
  open: boolean;
  title: React.ReactNode;
  form: FormInstance;
  onCancel: () => void;
  loading?: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={loading}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {children}
    </Modal>
  );
}
