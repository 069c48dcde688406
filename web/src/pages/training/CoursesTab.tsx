// Courses with their lessons (materials uploaded through the files module, live lessons with a link)
// and the question bank.
import type { ButtonProps } from 'antd';
import {
  App,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSON_KINDS, QUESTION_KINDS, type TQuestionKind } from '../../../../common/training-api.ts';
import { ApiError } from '../../api/client.ts';
import { uploadFile } from '../../features/files/upload-file.ts';
import {
  useCourse,
  useCourseCreate,
  useCourses,
  useLessonAdd,
  useQuestionAdd,
  useQuestions,
} from '../../features/training/courses-query.ts';

function fieldErrors(form: ReturnType<typeof Form.useForm>[0], err: unknown) {
  if (err instanceof ApiError)
    form.setFields(err.fieldErrors().map((e) => ({ name: e.field.split('.')[0]!, errors: [e.message] })));
}

export function CoursesTab() {
  const { t } = useTranslation();
  const courses = useCourses();
  const create = useCourseCreate();
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [form] = Form.useForm();
  return (
    <>
      <Button
        type="primary"
        onClick={() => setOpen(true)}
        data-testid="course-new"
        style={{ marginBottom: 12 }}
      >
        {t('training.course.new')}
      </Button>
      <Table
        rowKey="id"
        loading={courses.isLoading}
        dataSource={courses.data ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('training.course.title'), dataIndex: 'title' },
          { title: t('training.course.passMark'), dataIndex: 'passMark' },
          { title: t('training.course.examMinutes'), dataIndex: 'examMinutes' },
          { title: t('training.course.questionCount'), dataIndex: 'questionCount' },
        ]}
      />
      <Modal
        open={open}
        title={t('training.course.new')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: create.isPending, 'data-testid': 'course-save' } as ButtonProps}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ examQuestions: 10 }}
          onFinish={(v) =>
            create.mutate(
              { ...v, certificateMonths: v.certificateMonths ?? null },
              { onSuccess: () => (setOpen(false), form.resetFields()), onError: (e) => fieldErrors(form, e) },
            )
          }
        >
          <Form.Item name="title" label={t('training.course.title')} rules={[{ required: true }]}>
            <Input data-testid="course-title" />
          </Form.Item>
          <Form.Item name="description" label={t('training.course.description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="passMark" label={t('training.course.passMark')}>
              <InputNumber min={1} max={100} data-testid="course-pass-mark" />
            </Form.Item>
            <Form.Item name="examQuestions" label={t('training.course.examQuestions')}>
              <InputNumber min={1} max={200} data-testid="course-exam-questions" />
            </Form.Item>
            <Form.Item name="examMinutes" label={t('training.course.examMinutes')}>
              <InputNumber min={1} max={600} />
            </Form.Item>
          </Space>
          <Form.Item name="certificateMonths" label={t('training.course.certificateMonths')}>
            <InputNumber min={1} max={240} />
          </Form.Item>
        </Form>
      </Modal>
      <Drawer open={Boolean(selected)} onClose={() => setSelected(null)} size="large" destroyOnHidden>
        {selected && <CourseDetail id={selected} />}
      </Drawer>
    </>
  );
}

function CourseDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const course = useCourse(id);
  const questions = useQuestions(id);
  const addLesson = useLessonAdd(id);
  const addQuestion = useQuestionAdd(id);
  const [lessonForm] = Form.useForm();
  const [questionForm] = Form.useForm();
  const kind = Form.useWatch('kind', questionForm) as TQuestionKind | undefined;
  const lessonKind = Form.useWatch('kind', lessonForm);
  const [fileId, setFileId] = useState<string | null>(null);
  return (
    <>
      <h2 style={{ fontSize: 18 }}>{course.data?.title}</h2>
      <h3>{t('training.course.lessons')}</h3>
      <List
        dataSource={course.data?.lessons ?? []}
        renderItem={(l) => (
          <List.Item>
            <Tag>{t(`training.lessonKinds.${l.kind}`)}</Tag> {l.title} {l.fileName ?? l.liveUrl}
          </List.Item>
        )}
      />
      <Form
        form={lessonForm}
        layout="inline"
        initialValues={{ kind: 'manual' }}
        onFinish={(v) =>
          addLesson.mutate(
            {
              title: v.title,
              kind: v.kind,
              fileId: v.kind === 'live' ? null : fileId,
              liveUrl: v.kind === 'live' ? v.liveUrl : null,
              startsAt: v.kind === 'live' && v.startsAt ? new Date(v.startsAt).toISOString() : null,
            },
            {
              onSuccess: () => (lessonForm.resetFields(), setFileId(null)),
              onError: (e) => (fieldErrors(lessonForm, e), void message.error(e.message)),
            },
          )
        }
      >
        <Form.Item name="title" rules={[{ required: true }]}>
          <Input
            placeholder={t('training.course.lessonTitle')}
            aria-label={t('training.course.lessonTitle')}
          />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            style={{ width: 120 }}
            aria-label={t('training.course.lessonKind')}
            options={LESSON_KINDS.map((k) => ({ value: k, label: t(`training.lessonKinds.${k}`) }))}
          />
        </Form.Item>
        {lessonKind === 'live' ? (
          <>
            <Form.Item name="liveUrl">
              <Input placeholder={t('training.course.liveUrl')} aria-label={t('training.course.liveUrl')} />
            </Form.Item>
            <Form.Item name="startsAt">
              <Input type="datetime-local" aria-label={t('training.course.startsAt')} />
            </Form.Item>
          </>
        ) : (
          <Form.Item>
            <Upload
              maxCount={1}
              customRequest={({ file, onSuccess, onError }) =>
                void uploadFile(file as Blob, null)
                  .then((meta) => (setFileId(meta.id), onSuccess?.(meta)))
                  .catch((e) => onError?.(e))
              }
            >
              <Button>{t('training.course.upload')}</Button>
            </Upload>
          </Form.Item>
        )}
        <Button htmlType="submit" loading={addLesson.isPending}>
          {t('training.course.addLesson')}
        </Button>
      </Form>
      <h3 style={{ marginTop: 24 }}>{t('training.course.questions')}</h3>
      <List
        dataSource={questions.data ?? []}
        renderItem={(q) => (
          <List.Item>
            <Tag>{t(`training.questionKinds.${q.kind}`)}</Tag> {q.text} ({q.points})
          </List.Item>
        )}
      />
      <Form
        form={questionForm}
        layout="vertical"
        initialValues={{ kind: 'true_false', correct: 1, points: 1 }}
        onFinish={(v) => {
          const options = String(v.options ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean);
          const correct =
            v.kind === 'true_false'
              ? [Number(v.correct)]
              : v.kind === 'single' || v.kind === 'multiple'
                ? String(v.correctChoices ?? '')
                    .split(/[,，\s]+/)
                    .filter(Boolean)
                    .map((n) => Number(n) - 1)
                : [];
          const rubric = String(v.rubric ?? '')
            .split('\n')
            .map((line) => /^(.*\S)\s+(\d+)$/.exec(line.trim()))
            .flatMap((m) => (m ? [{ label: m[1]!, points: Number(m[2]) }] : []));
          addQuestion.mutate(
            { kind: v.kind, text: v.text, options, correct, rubric, points: v.points },
            {
              onSuccess: () => questionForm.resetFields(['text', 'options', 'correctChoices', 'rubric']),
              onError: (e) => (fieldErrors(questionForm, e), void message.error(e.message)),
            },
          );
        }}
      >
        <Form.Item name="kind" label={t('training.course.questionText')}>
          <Select
            options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`training.questionKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="text" rules={[{ required: true }]}>
          <Input.TextArea
            rows={2}
            aria-label={t('training.course.questionText')}
            data-testid="question-text"
          />
        </Form.Item>
        {(kind === 'single' || kind === 'multiple') && (
          <>
            <Form.Item name="options" label={t('training.course.options')}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="correctChoices" label={t('training.course.correctChoices')}>
              <Input />
            </Form.Item>
          </>
        )}
        {kind === 'true_false' && (
          <Form.Item name="correct" label={t('training.course.correct')}>
            <Select
              data-testid="question-correct"
              options={[
                { value: 1, label: t('training.course.isTrue') },
                { value: 0, label: t('training.course.isFalse') },
              ]}
            />
          </Form.Item>
        )}
        {kind === 'practical' ? (
          <Form.Item name="rubric" label={t('training.course.rubric')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : (
          <Form.Item name="points" label={t('training.course.points')}>
            <InputNumber min={1} max={100} />
          </Form.Item>
        )}
        <Button htmlType="submit" loading={addQuestion.isPending} data-testid="question-add">
          {t('training.course.addQuestion')}
        </Button>
      </Form>
    </>
  );
}
