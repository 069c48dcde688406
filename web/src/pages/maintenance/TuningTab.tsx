import { Alert, App, Button, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TTuningProposal, TUNING_STATUSES } from '../../../../common/maintenance-tuning-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useTuningAnalyse } from '../../features/maintenance/tuning-analyse-mutation.ts';
import { useTuningDecide } from '../../features/maintenance/tuning-decide-mutation.ts';
import { useTuningProposals } from '../../features/maintenance/tuning-query.ts';

/** Plan tuning proposals: shorter or longer intervals per template and product, with their evidence. */
export function TuningTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const time = useOrganisationTime();
  const [status, setStatus] = useState<string | undefined>('open');
  const proposals = useTuningProposals(status);
  const analyse = useTuningAnalyse();
  const decide = useTuningDecide();
  const [deciding, setDeciding] = useState<{ p: TTuningProposal; decision: 'accept' | 'reject' } | null>(
    null,
  );
  const [note, setNote] = useState('');
  const evidence = (p: TTuningProposal) =>
    t(`maintenanceInsight.rules.${p.evidence.rule}`, {
      mtbf: p.evidence.mtbfDays ?? '—',
      failures: p.evidence.failures,
      before: p.evidence.failuresBeforeNextVisit,
      visits: p.evidence.visits,
      found: p.evidence.visitsWithFindings,
      clean: p.evidence.cleanVisitsInRow,
      assets: p.evidence.assets,
    });
  return (
    <>
      <Alert
        type="info"
        showIcon
        message={t('maintenanceInsight.provisional')}
        style={{ marginBottom: 12 }}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('maintenanceInsight.status')}
          allowClear
          value={status}
          onChange={setStatus}
          style={{ width: 160 }}
          options={TUNING_STATUSES.map((s) => ({ value: s, label: t(`maintenanceInsight.statuses.${s}`) }))}
        />
        {manage && (
          <Button
            loading={analyse.isPending}
            onClick={() =>
              analyse.mutate(undefined, {
                onSuccess: (r) => void message.success(t('maintenanceInsight.analysed', r)),
              })
            }
          >
            {t('maintenanceInsight.analyse')}
          </Button>
        )}
      </Space>
      <Table<TTuningProposal>
        rowKey="id"
        data-testid="tuning-proposals"
        size="small"
        loading={proposals.isLoading}
        dataSource={proposals.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { title: t('maintenanceInsight.template'), dataIndex: 'templateName' },
          { title: t('maintenanceInsight.product'), dataIndex: 'productName' },
          {
            title: t('maintenanceInsight.proposal'),
            render: (_, p) => (
              <Space>
                <Tag color={p.direction === 'shorter' ? 'orange' : 'green'}>
                  {t(`maintenanceInsight.directions.${p.direction}`)}
                </Tag>
                {t('maintenanceInsight.months', { count: p.currentMonths })} →{' '}
                {t('maintenanceInsight.months', { count: p.proposedMonths })}
              </Space>
            ),
          },
          { title: t('maintenanceInsight.evidence'), render: (_, p) => evidence(p) },
          {
            title: t('maintenanceInsight.status'),
            render: (_, p) =>
              p.status === 'open' ? (
                manage ? (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      data-testid="tuning-accept"
                      onClick={() => setDeciding({ p, decision: 'accept' })}
                    >
                      {t('maintenanceInsight.accept')}
                    </Button>
                    <Button size="small" onClick={() => setDeciding({ p, decision: 'reject' })}>
                      {t('maintenanceInsight.reject')}
                    </Button>
                  </Space>
                ) : (
                  t('maintenanceInsight.statuses.open')
                )
              ) : (
                <span>
                  {t(`maintenanceInsight.statuses.${p.status}`)}
                  {' · '}
                  {t('maintenanceInsight.decided', {
                    name: p.decidedByName ?? '',
                    at: time.dateTime(p.decidedAt),
                  })}
                  {p.decisionNote ? ` · ${p.decisionNote}` : ''}
                </span>
              ),
          },
        ]}
      />
      <Modal
        open={Boolean(deciding)}
        title={deciding ? t(`maintenanceInsight.${deciding.decision}`) : ''}
        onCancel={() => setDeciding(null)}
        confirmLoading={decide.isPending}
        onOk={() =>
          deciding &&
          decide.mutate(
            {
              id: deciding.p.id,
              decision: deciding.decision,
              note: note || null,
              version: deciding.p.version,
            },
            {
              onSuccess: () => {
                setDeciding(null);
                setNote('');
                void message.success(t('common.saved'));
              },
              onError: (err) => void message.error(err.message),
            },
          )
        }
      >
        {deciding?.decision === 'accept' && (
          <p>{t('maintenanceInsight.acceptConfirm', { months: deciding.p.proposedMonths })}</p>
        )}
        <Input.TextArea
          aria-label={t('maintenanceInsight.note')}
          placeholder={t('maintenanceInsight.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={1000}
        />
      </Modal>
    </>
  );
}
