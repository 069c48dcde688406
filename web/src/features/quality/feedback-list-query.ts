import type { TFeedbackForm } from '../../../../common/quality-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

/** Field feedback forms, newest first. */
export const useFeedbackForms = () =>
  useCursorList<TFeedbackForm>('quality-feedback', '/api/v1/quality/feedback', {});
