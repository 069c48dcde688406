import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { App, Button, List, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFileMeta } from '../../../../common/api.ts';
import { api, getCsrfToken } from '../../api/client.ts';

/**
 * Files attached to a record (photos, manuals, plans): listed with download links, and, for those who
 * may edit, an upload that hands the new list of file ids to `onChange` (the record is then saved).
 */
export function Attachments({
  fileIds,
  customerId,
  canEdit,
  onChange,
  max = 50,
}: {
  fileIds: string[];
  customerId: string | null;
  canEdit: boolean;
  onChange: (ids: string[]) => Promise<unknown>;
  max?: number;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const metas = useQueries({
    queries: fileIds.map((id) => ({
      queryKey: ['file', id],
      queryFn: () => api.get<TFileMeta>(`/api/v1/files/${id}`),
    })),
  });
  return (
    <div data-testid="attachments">
      <List
        size="small"
        locale={{ emptyText: t('files.none') }}
        dataSource={metas.map((m, i) => ({ id: fileIds[i]!, meta: m.data }))}
        renderItem={(f) => (
          <List.Item>
            <a href={`/api/v1/files/${f.id}/content`}>
              <PaperClipOutlined /> {f.meta?.name ?? f.id}
            </a>
            {f.meta && <span style={{ color: '#4b5563' }}>{Math.ceil(f.meta.size / 1024)} KB</span>}
          </List.Item>
        )}
      />
      {canEdit && fileIds.length < max && (
        <Upload
          showUploadList={false}
          customRequest={async ({ file }) => {
            const form = new FormData();
            if (customerId) form.append('customerId', customerId);
            form.append('file', file as Blob);
            const res = await fetch('/api/v1/files', {
              method: 'POST',
              body: form,
              credentials: 'same-origin',
              headers: { 'x-csrf-token': getCsrfToken() },
            });
            const body = await res.json();
            if (!res.ok) {
              message.error(body.detail ?? res.statusText);
              return;
            }
            await onChange(max === 1 ? [body.id] : [...fileIds, body.id]);
            message.success(t('files.uploaded'));
          }}
        >
          <Button
            icon={<UploadOutlined />}
            size="small"
            style={{ marginTop: 8 }}
            data-testid="attachment-upload"
          >
            {t('files.upload')}
          </Button>
        </Upload>
      )}
    </div>
  );
}
