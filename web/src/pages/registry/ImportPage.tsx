import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Progress, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useImportStatus } from '../../features/registry/import-status-query.ts';
import { uploadImport } from '../../features/registry/import-upload.ts';

const ENTITIES = ['customers', 'projects', 'products', 'assets'] as const;

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [entity, setEntity] = useState<(typeof ENTITIES)[number]>('assets');
  const [mode, setMode] = useState<'all_or_nothing' | 'good_rows'>('all_or_nothing');
  const [importId, setImportId] = useState<string | null>(null);
  const status = useImportStatus(importId);
  const s = status.data;
  const done = s && (s.status === 'succeeded' || s.status === 'failed');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';

  return (
    <>
      <h1 className="page-title">{t('nav.import')}</h1>
      <Card style={{ maxWidth: 720, marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <Select
              aria-label={t('imports.entity')}
              value={entity}
              onChange={setEntity}
              style={{ width: 180 }}
              options={ENTITIES.map((e) => ({ value: e, label: t(`imports.entities.${e}`) }))}
            />
            <Button href={`/api/v1/imports/templates/${entity}?lang=${lang}`} data-testid="import-template">
              {t('imports.template')}
            </Button>
          </Space>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
            <Radio value="all_or_nothing">{t('imports.allOrNothing')}</Radio>
            <Radio value="good_rows">{t('imports.goodRows')}</Radio>
          </Radio.Group>
          <Upload.Dragger
            accept=".xlsx"
            showUploadList={false}
            customRequest={async ({ file }) => {
              try {
                setImportId(await uploadImport({ entity, mode, file: file as Blob }));
              } catch (err) {
                if (!(err instanceof ApiError)) throw err;
                message.error(err.message);
              }
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('imports.drop')}</p>
          </Upload.Dragger>
        </Space>
      </Card>
      {s && (
        <Card title={t('imports.result')} style={{ maxWidth: 960 }}>
          <Progress
            percent={done ? 100 : 50}
            status={s.status === 'failed' ? 'exception' : done ? 'success' : 'active'}
            format={() => t('imports.rows', { count: s.processedRows })}
          />
          <Typography.Paragraph data-testid="import-summary">
            {t(`imports.status.${s.status}`)} · {t('imports.imported', { count: s.importedRows })} ·{' '}
            {t('imports.errors', { count: s.errorCount })}
          </Typography.Paragraph>
          {s.message && (
            <Alert
              type={s.status === 'failed' ? 'error' : 'info'}
              title={s.message}
              style={{ marginBottom: 12 }}
            />
          )}
          {s.errors.length > 0 && (
            <Table
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              size="small"
              dataSource={s.errors}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t('imports.row'), dataIndex: 'row', width: 80 },
                { title: t('imports.column'), dataIndex: 'column', width: 180 },
                { title: t('imports.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}
