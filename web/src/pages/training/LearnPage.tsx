// The trainee's online learning by their signed link (在线培训, no login), phone first: the course's
// lessons in order with progress, videos played from the range-served file (seekable, the position
// saved as they watch), manuals to read or download, live lessons with their link and an .ics file,
// and a question from a lesson that becomes a consultation ticket.
import { Alert, App, Button, Card, Input, Progress, Space, Spin, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import {
  lessonUrl,
  type TLearningLesson,
  useLearning,
  useLessonQuestion,
  useProgressSave,
} from '../../features/training/learn-query.ts';
import { PhoneShell } from './PhoneShell.tsx';

/** Seconds between two saves of a video's position while it plays. */
const SAVE_EVERY_SECONDS = 15;

const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

function Ask({ token, lessonId }: { token: string; lessonId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ask = useLessonQuestion(token);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  if (ask.data)
    return (
      <Alert
        type="success"
        showIcon
        data-testid="learn-asked"
        message={t('training.learn.asked', { number: ask.data.ticketNumber })}
      />
    );
  if (!open)
    return (
      <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(true)} data-testid="learn-ask">
        {t('training.learn.ask')}
      </Button>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        rows={3}
        maxLength={4000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('training.learn.askPlaceholder')}
        aria-label={t('training.learn.ask')}
        data-testid="learn-question"
      />
      <Button
        type="primary"
        disabled={!text.trim()}
        loading={ask.isPending}
        data-testid="learn-question-send"
        onClick={() =>
          ask.mutate({ lessonId, question: text.trim() }, { onError: (e) => void message.error(e.message) })
        }
      >
        {t('training.learn.askSend')}
      </Button>
    </Space>
  );
}

function Lesson({
  token,
  lesson,
  index,
  canAsk,
}: {
  token: string;
  lesson: TLearningLesson;
  index: number;
  canAsk: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { dateTime } = useOrganisationTime();
  const save = useProgressSave(token);
  const lastSaved = useRef(lesson.positionSeconds);
  const content = lessonUrl(token, lesson.id, 'content');
  const put = (positionSeconds: number, completed: boolean) => {
    lastSaved.current = positionSeconds;
    save.mutate(
      { lessonId: lesson.id, positionSeconds: Math.floor(positionSeconds), completed },
      { onError: (e) => void message.error(e.message) },
    );
  };
  const status = lesson.completed ? (
    <Tag color="green" data-testid="learn-completed">
      {t('training.learn.completed')}
    </Tag>
  ) : lesson.positionSeconds > 0 ? (
    <Tag color="blue">{t('training.learn.watched', { time: clock(lesson.positionSeconds) })}</Tag>
  ) : (
    <Tag>{t('training.learn.notStarted')}</Tag>
  );
  return (
    <Card
      size="small"
      data-testid="learn-lesson"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {index + 1}. {lesson.title}
        </span>
      }
      extra={<Tag>{t(`training.lessonKinds.${lesson.kind}`)}</Tag>}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>{status}</div>
        {lesson.kind === 'video' && lesson.hasFile && (
          // biome-ignore lint/a11y/useMediaCaption: the trainer's uploaded videos carry no caption track
          <video
            controls
            preload="metadata"
            playsInline
            src={content}
            style={{ width: '100%', maxHeight: 480, background: '#000' }}
            data-testid="learn-video"
            onLoadedMetadata={(e) => {
              if (lesson.positionSeconds > 0 && !lesson.completed)
                e.currentTarget.currentTime = lesson.positionSeconds;
            }}
            onTimeUpdate={(e) => {
              const at = e.currentTarget.currentTime;
              if (Math.abs(at - lastSaved.current) >= SAVE_EVERY_SECONDS) put(at, lesson.completed);
            }}
            onPause={(e) => put(e.currentTarget.currentTime, lesson.completed)}
            onEnded={(e) => put(e.currentTarget.currentTime, true)}
          />
        )}
        {lesson.kind !== 'video' && lesson.kind !== 'live' && lesson.hasFile && (
          <Space wrap>
            <Button href={content} target="_blank" rel="noreferrer" data-testid="learn-read">
              {t('training.learn.read')}
            </Button>
            <Button href={content} download>
              {t('training.learn.download')}
            </Button>
          </Space>
        )}
        {lesson.kind === 'live' && (
          <>
            {lesson.startsAt && (
              <Typography.Text type="secondary">
                {t('training.learn.liveAt', {
                  time: dateTime(lesson.startsAt),
                  minutes: lesson.durationMinutes ?? 60,
                })}
              </Typography.Text>
            )}
            <Space wrap>
              {lesson.liveUrl && (
                <Button
                  type="primary"
                  href={lesson.liveUrl}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="learn-live"
                >
                  {t('training.learn.joinLive')}
                </Button>
              )}
              <Button href={lessonUrl(token, lesson.id, 'calendar.ics')} download data-testid="learn-ics">
                {t('training.learn.addCalendar')}
              </Button>
            </Space>
          </>
        )}
        {!lesson.completed && (
          <Button
            block
            loading={save.isPending}
            onClick={() => put(lesson.positionSeconds, true)}
            data-testid="learn-mark-done"
          >
            {t('training.learn.markDone')}
          </Button>
        )}
        {canAsk && <Ask token={token} lessonId={lesson.id} />}
      </Space>
    </Card>
  );
}

export function LearnPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const learning = useLearning(token);
  const body = () => {
    if (learning.isLoading) return <Spin />;
    if (learning.error || !learning.data)
      return <Alert type="error" showIcon message={t('training.learn.invalid')} />;
    const { lessons, canAsk } = learning.data;
    const done = lessons.filter((l) => l.completed).length;
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {learning.data.courseTitle}
        </Typography.Title>
        {lessons.length === 0 ? (
          <Typography.Text type="secondary">{t('training.learn.empty')}</Typography.Text>
        ) : (
          <div data-testid="learn-progress">
            <Typography.Text>{t('training.learn.progress', { done, total: lessons.length })}</Typography.Text>
            <Progress percent={Math.round((done / lessons.length) * 100)} showInfo={false} />
          </div>
        )}
        {lessons.map((l, i) => (
          <Lesson key={l.id} token={token} lesson={l} index={i} canAsk={canAsk} />
        ))}
        <Link to={`/t/exam/${token}`} data-testid="learn-to-exam">
          {t('training.learn.toExam')}
        </Link>
      </Space>
    );
  };
  return (
    <PhoneShell title={t('training.learn.title')} wide>
      {body()}
    </PhoneShell>
  );
}
