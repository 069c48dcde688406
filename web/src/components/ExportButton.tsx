import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Downloads a list as Excel with the filters on screen (the server streams it). `path` is the list's
 * export route; by default the registry's `/api/v1/exports/<entity>`.
 */
export function ExportButton({
  entity,
  path,
  filters = {},
}: {
  entity: string;
  path?: string;
  filters?: Record<string, string | undefined>;
}) {
  const { t, i18n } = useTranslation();
  const params = new URLSearchParams({ lang: i18n.language === 'en' ? 'en' : 'zh-CN' });
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  return (
    <Button
      icon={<DownloadOutlined />}
      href={`${path ?? `/api/v1/exports/${entity}`}?${params}`}
      data-testid={`export-${entity}`}
    >
      {t('common.exportExcel')}
    </Button>
  );
}
