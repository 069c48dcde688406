// The parts catalogue, page by page (load more), with stock over the locations the user may see.
import type { TPartListItem } from '../../../../common/parts-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';
import { partsKey } from './parts-key.ts';

export { useLocations } from './locations-query.ts';
export { partsKey } from './parts-key.ts';
export { useStockMutation } from './stock-move-mutation.ts';
export { yuan } from './yuan.ts';

export const useParts = (q: string | undefined) =>
  useCursorList<TPartListItem>(partsKey, '/api/v1/parts', { q });
