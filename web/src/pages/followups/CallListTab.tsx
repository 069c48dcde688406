import { PhoneOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Empty, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFollowUp } from '../../../../common/followups-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useAssignFollowUps } from '../../features/followups/assign-mutation.ts';
import { useCallList } from '../../features/followups/call-list-query.ts';
import { useOrganisationToday } from '../../features/parts/organisation-today.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';
import { OutcomeForm } from './OutcomeForm.tsx';

/** The call list (回访清单) of a day: big rows a phone can work from; managers pick whose list and assign. */
export function CallListTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const today = useOrganisationToday();
  const [date, setDate] = useState(today);
  const [agentId, setAgentId] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const [assignTo, setAssignTo] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  const list = useCallList(date, agentId);
  const staff = useStaffDirectory({ enabled: manage });
  const assign = useAssignFollowUps();
  const agents = (staff.data ?? []).filter((s) => s.roles.some((r) => r === 'agent' || r === 'manager'));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <DatePicker
          aria-label={t('followups.date')}
          value={dayjs(date)}
          allowClear={false}
          onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
        />
        {manage && (
          <Select
            aria-label={t('followups.agent')}
            style={{ minWidth: 180 }}
            value={agentId ?? ''}
            onChange={(v) => {
              setAgentId(v || undefined);
              setSelected([]);
            }}
            options={[
              { value: '', label: t('followups.mine') },
              { value: 'unassigned', label: t('followups.unassigned') },
              ...agents.map((a) => ({ value: a.id, label: a.displayName })),
            ]}
          />
        )}
        {manage && selected.length > 0 && (
          <>
            <Select
              aria-label={t('followups.assignTo')}
              placeholder={t('followups.assignTo')}
              style={{ minWidth: 180 }}
              value={assignTo}
              onChange={setAssignTo}
              options={agents.map((a) => ({ value: a.id, label: a.displayName }))}
            />
            <Button
              type="primary"
              disabled={!assignTo}
              loading={assign.isPending}
              onClick={() =>
                assign.mutate(
                  { ids: selected, agentId: assignTo ?? null },
                  {
                    onSuccess: () => {
                      setSelected([]);
                      void message.success(t('followups.assigned'));
                    },
                  },
                )
              }
            >
              {t('followups.assign')}
            </Button>
          </>
        )}
      </Space>
      {list.data && list.data.length === 0 && <Empty description={t('followups.empty')} />}
      {(list.data ?? []).map((f) => (
        <CallRow
          key={f.id}
          f={f}
          selectable={manage}
          selected={selected.includes(f.id)}
          onSelect={(on) => setSelected((s) => (on ? [...s, f.id] : s.filter((x) => x !== f.id)))}
          open={open === f.id}
          onOpen={() => setOpen(open === f.id ? null : f.id)}
        />
      ))}
    </Space>
  );
}

function CallRow({
  f,
  selectable,
  selected,
  onSelect,
  open,
  onOpen,
}: {
  f: TFollowUp;
  selectable: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  open: boolean;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const time = useOrganisationTime();
  return (
    <Card size="small" data-testid={`followup-${f.customerName}`} styles={{ body: { fontSize: 16 } }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space wrap>
            {selectable && (
              <Checkbox
                aria-label={f.customerName}
                checked={selected}
                onChange={(e) => onSelect(e.target.checked)}
              />
            )}
            <strong style={{ fontSize: 18 }}>{f.customerName}</strong>
            <Tag color="blue">{t(`followups.rules.${f.rule}`)}</Tag>
            <Tag>{t(`followups.channels.${f.channel}`)}</Tag>
            <Tag color={f.status === 'awaiting_customer' ? 'orange' : undefined}>
              {t(`followups.statuses.${f.status}`)}
            </Tag>
            {f.overdue && <Tag color="red">{t('followups.overdue')}</Tag>}
          </Space>
          {f.agentName && <span style={{ color: '#666' }}>{f.agentName}</span>}
        </Space>
        <div>
          {f.contactName ?? '—'}
          {f.contactPhone && (
            <Button
              type="link"
              icon={<PhoneOutlined />}
              href={`tel:${f.contactPhone}`}
              style={{ fontSize: 18, height: 44 }}
            >
              {f.contactPhone}
            </Button>
          )}
        </div>
        <div style={{ color: '#555' }}>
          {[f.projectName, f.reference].filter(Boolean).join(' · ')}
          {f.visitWorkOrderNumber && ` · ${t('followups.visit', { number: f.visitWorkOrderNumber })}`}
        </div>
        <div style={{ color: '#555' }}>
          {t('followups.due')}：{time.dateTime(f.dueAt)}
          {f.nextAttemptAt && ` · ${t('followups.nextTry')}：${time.dateTime(f.nextAttemptAt)}`}
          {f.attempts > 0 && ` · ${t('followups.tries', { count: f.attempts })}`}
        </div>
        <Button
          type={open ? 'default' : 'primary'}
          size="large"
          block
          onClick={onOpen}
          data-testid={`followup-open-${f.customerName}`}
        >
          {f.status === 'awaiting_customer' ? t('followups.tell') : t('followups.record')}
        </Button>
        {open && <OutcomeForm key={f.version} f={f} onDone={onOpen} />}
      </Space>
    </Card>
  );
}
