// Print labels (PDF) for one asset, a selection or a whole project, in the layout of the label stock.
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { LABEL_LAYOUTS } from '../../../../common/labels-api.ts';

export function LabelPrintButton({
  assetIds,
  projectId,
  disabled,
}: {
  assetIds?: string[];
  projectId?: string;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const href = (layout: string) => {
    const q = new URLSearchParams({ layout, lang: i18n.language === 'en' ? 'en' : 'zh-CN' });
    if (assetIds?.length) q.set('assetIds', assetIds.join(','));
    if (projectId) q.set('projectId', projectId);
    return `/api/v1/labels.pdf?${q}`;
  };
  return (
    <Dropdown
      disabled={disabled}
      trigger={['click']}
      menu={{
        items: LABEL_LAYOUTS.map((layout) => ({
          key: layout,
          label: (
            <a href={href(layout)} target="_blank" rel="noreferrer" data-testid={`label-pdf-${layout}`}>
              {t(`qr.printLayouts.${layout}`)}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<PrinterOutlined />} data-testid="label-print">
        {t('qr.print')}
      </Button>
    </Dropdown>
  );
}
